namespace HapModular.Viewers.DeviceReports.Tests;

public sealed class EcgViewerTests
{
    private static readonly string[] Twelve = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];

    [Theory]
    [InlineData("hl7_aecg_example_2003_ballot_12lead.xml", 500)]
    [InlineData("liryc_hl7aecg_example.xml", 100)]
    public async Task Twelve_lead_aecg_is_drawn_3x4_with_a_10_s_rhythm_strip_at_25_mm_s_and_10_mm_mV(string name, double hz)
    {
        var g = new EcgGeometry(await Devices.Svg(Devices.Ecg, Devices.Aecg(name)));

        Assert.Equal(1, g.PatternSize("ecg-minor"));
        Assert.Equal(5, g.PatternSize("ecg-major"));
        Assert.Equal(4, g.Calibrations.Count);
        Assert.All(g.Calibrations, d => Assert.Equal(10, EcgGeometry.PulseHeight(d)));
        Assert.All(g.Calibrations, d => Assert.Equal(5, EcgGeometry.PulseWidth(d)));

        Assert.Equal(13, g.Traces.Count);
        Assert.Equal(Twelve.Order(), g.Traces.Take(12).Select(t => t.Lead).Order());
        var rhythm = g.Traces[^1];
        Assert.Equal("II", rhythm.Lead);
        // 10 s at 25 mm/s: the last sample sits one sample period short of 250 mm.
        Assert.Equal(250 - (25 / hz), rhythm.Width, 2);
        Assert.All(g.Traces.Take(12), t => Assert.Equal(62.5 - (25 / hz), t.Width, 2));
        Assert.Equal([0, 2.5, 5, 7.5], g.Traces.Take(12).Select(t => t.StartSeconds).Distinct().Order());
    }

    [Fact]
    public async Task Minimal_aecg_scales_digits_by_origin_and_scale_to_10_mm_per_mV()
    {
        var g = new EcgGeometry(await Devices.Svg(Devices.Ecg, Devices.Aecg("fda_minimum_aecg.xml")));
        var trace = Assert.Single(g.Traces);
        Assert.Equal("II", trace.Lead);
        int[] digits = [-2, -2, -2, -2, -3, -4, -3, -5, -5, -4, -6, -9, -9];
        Assert.Equal(digits.Length, trace.Points.Count);
        var baseline = 5 + 20.0;
        for (var k = 0; k < digits.Length; k++)
        {
            // origin 0 µV, scale 2.5 µV: digit × 2.5 µV; 1000 µV = 10 mm, upwards.
            Assert.Equal(baseline - (digits[k] * 2.5 / 1000 * 10), trace.Points[k].Y, 2);
            Assert.Equal(10 + (k * 0.002 * 25), trace.Points[k].X, 2);
        }
    }

    [Fact]
    public async Task Liryc_export_shows_measurements_statements_and_device()
    {
        var html = await Devices.Html(Devices.Ecg, Devices.Aecg("liryc_hl7aecg_example.xml"));
        Assert.Contains("<tr><th>Fréquence cardiaque</th><td>57 bpm</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>PR</th><td>192 ms</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>QRS</th><td>88 ms</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>QT</th><td>418 ms</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>QTc</th><td>413 ms</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Rythme sinusal avec ESA</li>", html, StringComparison.Ordinal);
        Assert.Contains("BeneHeart R12", html, StringComparison.Ordinal);
        Assert.Contains("23/09/2025", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/doc/3/svg\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("FN-3A045256", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Liryc_trace_that_cannot_have_its_stated_rate_is_flagged()
    {
        // The file states 57/min, but at its declared 100 Hz the 10 s trace holds only two QRS complexes.
        var html = await Devices.Html(Devices.Ecg, Devices.Aecg("liryc_hl7aecg_example.xml"));
        Assert.Contains("<p class=\"hap-warning\">Attention : le tracé montre 2 complexes QRS en 10 s, alors que la fréquence déclarée (57/min) en ferait environ 10.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("hap-warning", await Devices.Html(Devices.Ecg, Devices.Aecg("hl7_aecg_example_2003_ballot_12lead.xml")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ballot_example_shows_intervals_and_device()
    {
        var html = await Devices.Html(Devices.Ecg, Devices.Aecg("hl7_aecg_example_2003_ballot_12lead.xml"));
        Assert.Contains("<tr><th>PR</th><td>148 ms</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>QTc</th><td>443 ms</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("ELI250", html, StringComparison.Ordinal);
        Assert.Contains("Fréquence cardiaque (estimée du tracé)", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, 75)]
    [InlineData(100, 57)]
    [InlineData(800, 120)]
    public void Heart_rate_estimate_finds_the_rate_of_a_synthetic_trace(double hz, double bpm)
    {
        // Narrow 1.2 mV R waves on a slow baseline wander with a little noise: what a resting ECG looks like to the detector.
        var random = new Random(7);
        var n = (int)(10 * hz);
        var uv = new double[n];
        var period = 60 / bpm;
        for (var k = 0; k < n; k++)
        {
            var t = k / hz;
            var phase = (t % period) - (period / 2);
            uv[k] = (1200 * Math.Exp(-(phase * phase) / (2 * 0.012 * 0.012))) + (150 * Math.Sin(2 * Math.PI * 0.3 * t)) + (random.NextDouble() * 20);
        }

        var ecg = new Ecg.EcgRecording("test", hz, [new Ecg.EcgLead("II", uv)], null, null, [], []);
        Assert.Equal(bpm, Ecg.HeartRate.Estimate(ecg)!.Value, 0.05 * bpm);
    }

    [Fact]
    public async Task Contec_export_draws_its_limb_leads_at_800_hz()
    {
        var content = Devices.Contec();
        Assert.True(Devices.Ecg.Match(content.Metadata) > MatchScore.Fallback);
        var g = new EcgGeometry(await Devices.Svg(Devices.Ecg, content));
        Assert.Equal(["I", "II", "III", "aVR", "aVL", "aVF"], g.Traces.Select(t => t.Lead));
        Assert.All(g.Calibrations, d => Assert.Equal(10, EcgGeometry.PulseHeight(d)));
        Assert.All(g.Traces, t => Assert.Equal(250 - (25 / 800.0), t.Width, 2));
        var inspected = await Devices.Ecg.InspectAsync(content, CancellationToken.None);
        Assert.Equal(new DateTime(2020, 11, 15, 12, 59, 50), inspected.ClinicalDate?.DateTime);
    }

    [Fact]
    public async Task Scp_ecg_is_decoded_and_its_stored_leads_obey_einthoven()
    {
        var content = Devices.Doc("scp-ecg/ecgtoolkit_example_12lead.scp", "application/scp-ecg");
        Assert.Equal(MatchScore.MediaType, Devices.Ecg.Match(content.Metadata));
        var ecg = Ecg.EcgSource.Load(content.Data, out var reason);
        Assert.True(ecg is not null, reason.ToString());
        Assert.Equal(500, ecg!.SampleRateHz);
        Assert.Equal(Twelve.Order(), ecg.Leads.Select(l => l.Name).Order());
        Assert.All(ecg.Leads, l => Assert.Equal(5000, l.MicroVolts.Length));

        // III, aVR, aVL and aVF are stored, not derived: II − I − III ≈ 0 proves the Huffman and
        // second-difference decoding (any slip would make the residual drift by millivolts).
        var (i, ii, iii, avf) = (ecg.Lead("I")!.MicroVolts, ecg.Lead("II")!.MicroVolts, ecg.Lead("III")!.MicroVolts, ecg.Lead("aVF")!.MicroVolts);
        var range = ii.Max() - ii.Min();
        Assert.InRange(range, 300, 10_000);
        Assert.All(Enumerable.Range(0, 5000), k => Assert.InRange(ii[k] - i[k] - iii[k], -30, 30));
        Assert.All(Enumerable.Range(0, 5000), k => Assert.InRange(avf[k] - ((ii[k] + iii[k]) / 2), -30, 30));

        var g = new EcgGeometry(await Devices.Svg(Devices.Ecg, content));
        Assert.All(g.Calibrations, d => Assert.Equal(10, EcgGeometry.PulseHeight(d)));
        Assert.Equal(249.95, g.Traces[^1].Width, 2);
    }

    [Fact]
    public void Scp_example_is_the_2003_ballot_recording_sample_for_sample()
    {
        // ECGToolkit converted the HL7 ballot aECG (ELI250, 2002-11-22 09:10) to SCP-ECG: two independent
        // readers (XML digits × scale, Huffman + second differences × AVM) must agree on every sample.
        var scp = Ecg.EcgSource.Load(File.ReadAllBytes(Corpus.Document("scp-ecg/ecgtoolkit_example_12lead.scp")), out _)!;
        var aecg = Ecg.EcgSource.Load(Devices.Aecg("hl7_aecg_example_2003_ballot_12lead.xml").Data, out _)!;
        Assert.Equal(aecg.Acquired, scp.Acquired);
        foreach (var name in Twelve)
        {
            var a = aecg.Lead(name)!.MicroVolts;
            var b = scp.Lead(name)!.MicroVolts;
            Assert.Equal(a.Length, b.Length);
            Assert.True(a.Zip(b).All(p => Math.Abs(p.First - p.Second) <= 5), $"lead {name} differs");
        }
    }

    [Fact]
    public async Task Truncated_scp_ecg_gives_a_clear_reason()
    {
        var bytes = File.ReadAllBytes(Corpus.Document("scp-ecg/ecgtoolkit_example_12lead.scp"))[..20000];
        var result = await Devices.Ecg.RenderAsync(new ViewerContent(new DocumentMetadata("application/scp-ecg"), bytes), Devices.Request("view"), CancellationToken.None);
        // The reason is in the reader's language (French page here).
        Assert.Contains("tronqué", Assert.IsType<RenderResult.CannotDisplayResult>(result).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Dicom_ecg_sop_classes_win_over_media_types()
    {
        foreach (var sop in new[] { "1.2.840.10008.5.1.4.1.1.9.1.1", "1.2.840.10008.5.1.4.1.1.9.1.2", "1.2.840.10008.5.1.4.1.1.9.2.1" })
        {
            Assert.Equal(MatchScore.SopClass, Devices.Ecg.Match(new DocumentMetadata("application/dicom", "x.dcm", sop)));
        }

        Assert.Equal(MatchScore.None, Devices.Ecg.Match(new DocumentMetadata("application/dicom", "x.dcm", "1.2.840.10008.5.1.4.1.1.2")));
        Assert.Equal(MatchScore.None, Devices.Ecg.Match(new DocumentMetadata("application/dicom", "x.dcm")));
        Assert.True(Devices.Ecg.Match(new DocumentMetadata("application/xml", "ecg_rest.xml")) is > 30 and < MatchScore.MediaType);
        Assert.Equal(MatchScore.None, Devices.Ecg.Match(new DocumentMetadata("application/xml", "discharge.xml")));
    }

    [Fact]
    public async Task Xml_that_is_not_an_aecg_is_refused_with_a_reason()
    {
        var content = Devices.Doc("../documents/cda/ccda_ccd.xml", "application/xml");
        var result = Assert.IsType<RenderResult.CannotDisplayResult>(await Devices.Ecg.RenderAsync(content, Devices.Request("view"), CancellationToken.None));
        Assert.Contains("AnnotatedECG", result.Reason, StringComparison.Ordinal);
    }
}
