using HapModular.Dicom;
using HapModular.Tests.Shared;

namespace HapModular.Viewers.DeviceReports.Tests;

/// <summary>
/// True voltage for every encoding of a DICOM ECG: value × Channel Sensitivity × Correction Factor + Baseline, in
/// the sensitivity's unit; drawn at 10 mm/mV with a 1 mV calibration pulse. The defect of issue #11: a 12-lead ECG
/// in Implicit VR Little Endian was drawn at 0.4× on every lead (sensitivity 2.5 µV unread, 1 used).
/// </summary>
public sealed class DicomEcgFidelityTests
{
    private const string TwelveLeadSop = "1.2.840.10008.5.1.4.1.1.9.1.1";
    private static readonly byte[] Corpus12Lead = File.ReadAllBytes(Corpus.Dicom("ecg_12lead_waveform.dcm"));

    [Fact]
    public async Task Implicit_vr_twelve_lead_ecg_is_drawn_at_its_true_voltage_on_every_lead()
    {
        // The reported file: sensitivity 2.5 µV per unit, Implicit VR Little Endian.
        var explicitVr = Dcmtk.Modify(Corpus12Lead, "-m", "(5400,0100)[*].(003a,0200)[*].(003a,0210)=2.5");
        var implicitVr = Convert(explicitVr, "+ti");
        var raw = RawRhythm(explicitVr);
        var svg = new EcgGeometry(await Devices.Svg(Devices.Ecg, Content(implicitVr)));

        Assert.Equal(10, EcgGeometry.PulseHeight(svg.Calibrations[0]));
        foreach (var lead in new[] { "I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6" })
        {
            var trace = svg.Traces.First(t => t.Lead == lead);
            var first = (int)Math.Round(trace.StartSeconds * 1000);
            var samples = raw[lead][first..(first + trace.Points.Count)];

            // Height on paper in mm = (max − min) µV / 1000 × 10 mm/mV, each sample 2.5 µV.
            var expected = (samples.Max() - samples.Min()) * 2.5 / 100;
            Assert.True(Math.Abs(trace.Height - expected) <= 0.02, $"lead {lead}: drawn {trace.Height:F2} mm high, true voltage gives {expected:F2} mm");
        }
    }

    [Fact]
    public void Calibration_pulse_and_samples_agree_one_millivolt_is_ten_millimetres()
    {
        var ecg = Load(Corpus12Lead);
        var raw = RawRhythm(Corpus12Lead);
        Assert.True(ecg.Calibrated);
        Assert.Equal(raw["V2"].Select(v => v * 1.25), ecg.Lead("V2")!.MicroVolts);

        // A sample of 800 units × 1.25 µV = 1 mV is drawn exactly as high as the calibration pulse.
        var oneMillivolt = new Ecg.EcgRecording("test", 1000, [new Ecg.EcgLead("I", [0, 1000, 1000, 0])], null, null, [], []);
        var g = new EcgGeometry(Ecg.EcgSvg.Render(oneMillivolt.Rhythm, Devices.French));
        var pulse = EcgGeometry.PulseHeight(g.Calibrations[0]);
        Assert.Equal(pulse, g.Traces[0].Height, 3);
    }

    [Theory]
    [InlineData("+ti")]
    [InlineData("+te")]
    [InlineData("+tb")]
    [InlineData("+td")]
    public void Every_transfer_syntax_gives_the_same_microvolts(string option)
    {
        var original = Load(Corpus12Lead);
        var reencoded = Load(Convert(Corpus12Lead, option));
        Assert.Equal(original.Leads.Select(l => l.Name), reencoded.Leads.Select(l => l.Name));
        foreach (var (a, b) in original.Leads.Zip(reencoded.Leads))
        {
            Assert.Equal(a.MicroVolts, b.MicroVolts);
        }

        Assert.Equal(original.Median!.Leads.SelectMany(l => l.MicroVolts), reencoded.Median!.Leads.SelectMany(l => l.MicroVolts));
    }

    [Theory]
    [InlineData("fr-BE", "ne peut pas être lu")]
    [InlineData("nl-BE", "kan niet gelezen worden")]
    [InlineData("de-BE", "kann nicht gelesen werden")]
    [InlineData("en", "cannot be read")]
    public async Task An_unreadable_sensitivity_is_said_and_the_trace_is_not_drawn_on_a_calibrated_grid(string culture, string said)
    {
        var broken = Convert(Dcmtk.Modify(Corpus12Lead, "-m", "(5400,0100)[*].(003a,0200)[2].(003a,0210)=1,25"), "+ti");
        var request = Devices.Request("view", culture);
        var html = Assert.IsType<RenderResult.HtmlFragment>(await Devices.Ecg.RenderAsync(Content(broken), request, CancellationToken.None)).Value;
        Assert.Contains(said, html, StringComparison.Ordinal);
        Assert.Contains("1,25", html, StringComparison.Ordinal);
        Assert.Contains("hap-ecg-uncalibrated", html, StringComparison.Ordinal);
        Assert.DoesNotContain("10 mm/mV", html, StringComparison.Ordinal);

        var svgText = await Devices.Svg(Devices.Ecg, Content(broken));
        var svg = new EcgGeometry(svgText);
        Assert.Empty(svg.Calibrations);
        Assert.NotEmpty(svg.Traces);
        Assert.DoesNotContain("mm/mV", svgText, StringComparison.Ordinal);
        Assert.Contains("data-calibrated=\"false\"", svgText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_absent_sensitivity_is_said_too()
    {
        var uncalibrated = Dcmtk.Modify(Corpus12Lead, "-e", "(5400,0100)[0].(003a,0200)[*].(003a,0210)");
        var html = await Devices.Html(Devices.Ecg, Content(uncalibrated));
        Assert.Contains("le fichier ne donne pas la sensibilité de la voie", html, StringComparison.Ordinal);
        Assert.Empty(new EcgGeometry(await Devices.Svg(Devices.Ecg, Content(uncalibrated))).Calibrations);
    }

    [Fact]
    public async Task Median_beats_are_drawn_beside_the_rhythm_and_the_axes_are_shown()
    {
        var content = Content(Corpus12Lead);
        var ecg = Load(Corpus12Lead);
        Assert.NotNull(ecg.Median);
        Assert.Equal(12, ecg.Median!.Leads.Count);
        Assert.All(ecg.Median.Leads, l => Assert.Equal(1200, l.MicroVolts.Length));

        var html = await Devices.Html(Devices.Ecg, content);
        Assert.Contains("<div class=\"hap-ecg-sheets\">", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/doc/3/svg?part=median\"", html, StringComparison.Ordinal);
        Assert.Contains("Battements médians", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Axe P</th><td>74°</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Axe QRS</th><td>52°</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Axe T</th><td>57°</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Filtres</dt><dd>0,05–300 Hz</dd>", html, StringComparison.Ordinal);

        var median = new EcgGeometry(await Devices.Svg(Devices.Ecg, content, "svg", ("part", "median")));
        Assert.Equal(12, median.Traces.Count);
        Assert.All(median.Calibrations, d => Assert.Equal(10, EcgGeometry.PulseHeight(d)));

        // The median beat of lead II, in µV, drawn at 10 mm/mV: its height on paper is its voltage span / 100.
        var ii = ecg.Median.Lead("II")!.MicroVolts;
        Assert.Equal((ii.Max() - ii.Min()) / 100, median.Traces.Single(t => t.Lead == "II").Height, 1);
    }

    internal static ViewerContent Content(byte[] bytes, string sop = TwelveLeadSop) =>
        new(new DocumentMetadata("application/dicom", "ecg.dcm", sop, "device-report"), bytes);

    internal static Ecg.EcgRecording Load(byte[] bytes)
    {
        var ecg = Ecg.EcgSource.Load(bytes, out var reason);
        Assert.True(ecg is not null, reason.ToString());
        return ecg!;
    }

    internal static byte[] Convert(byte[] bytes, string option)
    {
        var (output, reason) = Dcmtk.Convert(bytes, "dcmconv", option);
        Assert.True(output is not null, $"dcmconv {option}: {reason}");
        return output!;
    }

    /// <summary>The stored (unscaled) samples of the rhythm group, per lead name, read independently of the viewer.</summary>
    internal static Dictionary<string, int[]> RawRhythm(byte[] bytes)
    {
        var group = DicomFile.Read(bytes).Dataset.GetSequence(new DicomTag(0x5400, 0x0100))[0];
        var data = group[new DicomTag(0x5400, 0x1010)]!;
        var definitions = group.GetSequence(new DicomTag(0x003A, 0x0200));
        var names = new[] { "I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6" };
        var codes = definitions.Select(d => d.GetSequence(new DicomTag(0x003A, 0x0208))[0].GetString(new DicomTag(0x0008, 0x0104))!).ToList();
        var samples = data.RawValue.Length / 2 / definitions.Count;
        var result = new Dictionary<string, int[]>();
        for (var c = 0; c < definitions.Count; c++)
        {
            var name = names.Single(n => codes[c].Equals("Lead " + n, StringComparison.OrdinalIgnoreCase) || codes[c].StartsWith("Lead " + n + " ", StringComparison.OrdinalIgnoreCase));
            result[name] = Enumerable.Range(0, samples).Select(k => (int)(short)data.GetUInt16((k * definitions.Count) + c)).ToArray();
        }

        return result;
    }
}
