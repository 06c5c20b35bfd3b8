namespace HapModular.Viewers.DeviceReports.Tests;

/// <summary>HL7 aECG: the representative-beat series is drawn beside the rhythm, and the frontal axes are shown.</summary>
public sealed class AecgBeatsTests
{
    [Theory]
    [InlineData("hl7_aecg_example_2003_ballot_12lead.xml")]
    [InlineData("liryc_hl7aecg_example.xml")]
    public async Task Representative_beats_are_drawn_beside_the_rhythm(string name)
    {
        var content = Devices.Aecg(name);
        var ecg = Ecg.EcgSource.Load(content.Data, out var reason);
        Assert.True(ecg is not null, reason.ToString());
        Assert.NotNull(ecg!.Median);
        Assert.True(ecg.Median!.Leads.Count >= 8, $"{ecg.Median.Leads.Count} median leads");
        Assert.InRange(ecg.Median.DurationSeconds, 0.5, 10);
        Assert.All(ecg.Median.Leads, l => Assert.Equal(ecg.Median.Leads[0].MicroVolts.Length, l.MicroVolts.Length));

        var html = await Devices.Html(Devices.Ecg, content);
        Assert.Contains("src=\"/doc/3/svg?part=median\"", html, StringComparison.Ordinal);
        var beats = new EcgGeometry(await Devices.Svg(Devices.Ecg, content, "svg", ("part", "median")));
        Assert.Equal(ecg.Median.Leads.Count, beats.Traces.Count);
        Assert.All(beats.Calibrations, d => Assert.Equal(10, EcgGeometry.PulseHeight(d)));
    }

    [Fact]
    public async Task The_frontal_axes_are_shown_including_negative_ones()
    {
        var html = await Devices.Html(Devices.Ecg, Devices.Aecg("hl7_aecg_example_2003_ballot_12lead.xml"));
        Assert.Contains("<tr><th>Axe P</th><td>44°</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Axe QRS</th><td>-61°</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Axe T</th><td>86°</td></tr>", html, StringComparison.Ordinal);
    }
}
