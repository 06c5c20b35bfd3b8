using System.Text.RegularExpressions;

namespace HapModular.Viewers.DeviceReports.Tests;

/// <summary>
/// A General ECG with several multiplex groups in every sample encoding: each group is listed with what was
/// decoded and drawn or why not, in the reader's language; samples in µV agree across encodings; padding is
/// never plotted.
/// </summary>
public sealed class GeneralEcgTests
{
    private static readonly byte[] File = SyntheticGeneralEcg.Build();

    [Fact]
    public void Every_encoding_gives_the_same_microvolts()
    {
        var ecg = DicomEcgFidelityTests.Load(File);
        Assert.Equal(7, ecg.Groups.Count);
        var reference = SyntheticGeneralEcg.Source;
        foreach (var group in ecg.Groups.Take(6))
        {
            Assert.True(group.Strip is not null, $"group {group.Number} ({group.Label}): {group.Status}");
            foreach (var lead in new[] { "I", "II", "V1" })
            {
                var uv = group.Strip!.Lead(lead)!.MicroVolts;
                for (var k = SyntheticGeneralEcg.PaddedSamples; k < uv.Length; k++)
                {
                    var truth = reference[lead][k] * 1.25;
                    // 16/32/64-bit carry the value exactly; 8-bit loses the low 4 bits; µ-law and A-law a few %.
                    var tolerance = group.Label switch
                    {
                        "8 BIT" => 20.0,
                        "MU-LAW" or "A-LAW" => 2 + (0.04 * Math.Abs(truth)),
                        _ => 1e-6,
                    };
                    Assert.True(Math.Abs(uv[k] - truth) <= tolerance, $"group {group.Label} lead {lead} sample {k}: {uv[k]} µV, expected {truth}");
                }
            }
        }

        Assert.Null(ecg.Groups[6].Strip);
    }

    [Fact]
    public async Task Padding_samples_are_not_plotted()
    {
        var ecg = DicomEcgFidelityTests.Load(File);
        var ii = ecg.Lead("II")!.MicroVolts;
        Assert.All(ii[..SyntheticGeneralEcg.PaddedSamples], v => Assert.True(double.IsNaN(v)));
        Assert.False(double.IsNaN(ii[SyntheticGeneralEcg.PaddedSamples]));

        var svg = new EcgGeometry(await Devices.Svg(Devices.Ecg, DicomEcgFidelityTests.Content(File, SyntheticGeneralEcg.GeneralEcgSop)));
        var trace = svg.Traces.First(t => t.Lead == "II");
        Assert.Equal(SyntheticGeneralEcg.PaddedSamples / 1000.0, trace.StartSeconds, 3);

        // −32768 × 1.25 µV would be a 41 mm spike downwards: nothing on the paper goes near it.
        Assert.All(svg.Traces, t => Assert.True(t.Height < 30, $"{t.Lead} is {t.Height} mm high"));
    }

    [Theory]
    [InlineData("fr-BE", "tracé principal", "tracé supplémentaire", "pas dans la norme DICOM", "UIT-T G.711")]
    [InlineData("nl-BE", "hoofdtracé", "bijkomend tracé", "bestaat niet in de DICOM-norm", "ITU-T G.711")]
    [InlineData("de-BE", "Hauptkurve", "zusätzliche Kurve", "gibt es im DICOM-Standard nicht", "ITU-T G.711")]
    [InlineData("en", "main trace", "additional trace", "does not exist in the DICOM standard", "ITU-T G.711")]
    public async Task Each_group_is_listed_with_what_was_decoded_in_the_readers_language(string culture, string rhythm, string extra, string refused, string companded)
    {
        var request = Devices.Request("view", culture);
        var result = await Devices.Ecg.RenderAsync(DicomEcgFidelityTests.Content(File, SyntheticGeneralEcg.GeneralEcgSop), request, CancellationToken.None);
        var html = Assert.IsType<RenderResult.HtmlFragment>(result).Value;
        var rows = Regex.Matches(html, "<tr class=\"hap-ecg-group-(decoded|failed)\" data-group=\"(\\d)\">(.*?)</tr>").Select(m => (m.Groups[1].Value, m.Groups[3].Value)).ToList();
        Assert.Equal(7, rows.Count);
        Assert.Contains(rhythm, rows[0].Item2, StringComparison.Ordinal);
        Assert.Contains("16 bit SS", rows[0].Item2, StringComparison.Ordinal);
        Assert.All(rows.Skip(1).Take(5), r => Assert.Contains(extra, r.Item2, StringComparison.Ordinal));
        Assert.Contains("8 bit MB", rows[2].Item2, StringComparison.Ordinal);
        Assert.Contains("64 bit SV", rows[5].Item2, StringComparison.Ordinal);
        Assert.Equal("failed", rows[6].Item1);
        Assert.Contains(refused, rows[6].Item2, StringComparison.Ordinal);
        Assert.Contains(companded, html, StringComparison.Ordinal);

        // Each decoded extra group has its own sheet.
        Assert.Equal(5, Regex.Matches(html, "svg\\?group=\\d").Count);
    }

    [Theory]
    [InlineData("+ti")]
    [InlineData("+tb")]
    [InlineData("+td")]
    public void The_general_ecg_reads_the_same_in_every_transfer_syntax(string option)
    {
        var original = DicomEcgFidelityTests.Load(File);
        var reencoded = DicomEcgFidelityTests.Load(DicomEcgFidelityTests.Convert(File, option));
        Assert.Equal(original.Groups.Select(g => g.Status.ToString()), reencoded.Groups.Select(g => g.Status.ToString()));
        foreach (var (a, b) in original.Groups.Zip(reencoded.Groups).Where(p => p.First.Strip is not null))
        {
            Assert.Equal(a.Strip!.Leads.SelectMany(l => l.MicroVolts), b.Strip!.Leads.SelectMany(l => l.MicroVolts));
        }
    }
}
