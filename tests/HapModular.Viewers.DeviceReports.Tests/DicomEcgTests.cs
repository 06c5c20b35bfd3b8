using System.Globalization;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;

namespace HapModular.Viewers.DeviceReports.Tests;

public sealed class DicomEcgTests
{
    private const string TwelveLeadSop = "1.2.840.10008.5.1.4.1.1.9.1.1";
    private const string HemodynamicSop = "1.2.840.10008.5.1.4.1.1.9.2.1";

    private static ViewerContent Dicom(string name, string sop) =>
        new(new DocumentMetadata("application/dicom", name, sop, "device-report"), File.ReadAllBytes(Corpus.Dicom(name)));

    [Fact]
    public async Task Twelve_lead_waveform_is_drawn_at_25_mm_s_and_10_mm_mV()
    {
        var content = Dicom("ecg_12lead_waveform.dcm", TwelveLeadSop);
        Assert.Equal(MatchScore.SopClass, Devices.Ecg.Match(content.Metadata));
        var g = new EcgGeometry(await Devices.Svg(Devices.Ecg, content));
        Assert.All(g.Calibrations, d => Assert.Equal(10, EcgGeometry.PulseHeight(d)));
        Assert.Equal(13, g.Traces.Count);
        Assert.Equal(new[] { "I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6" }.Order(), g.Traces.Take(12).Select(t => t.Lead).Order());
        // 10 000 samples at 1000 Hz: 250 mm less one sample period (0.025 mm).
        Assert.InRange(g.Traces[^1].Width, 249.96, 249.99);

        var html = await Devices.Html(Devices.Ecg, content);
        Assert.Contains("<li>RITMO SINUSALE</li>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>QTc</th><td>370 ms</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("el250 — Mortara Instrument, Inc.", html, StringComparison.Ordinal);

        var inspected = await Devices.Ecg.InspectAsync(content, CancellationToken.None);
        Assert.Equal("1.3.76.13.65829.2.20130125082826.1072139.2", inspected.Keys[InspectionKeys.StudyInstanceUid]);
        Assert.Equal("ECG", inspected.Keys[InspectionKeys.Modality]);
        Assert.Equal(new DateTime(2013, 1, 25, 10, 59, 19), inspected.ClinicalDate?.DateTime);
    }

    [Fact]
    public async Task Dicom_ecg_and_the_pdf_report_of_the_same_recording_agree()
    {
        // documents/pdf/ecg_12lead_report_3x4.pdf was drawn by dicom-ecg-plot from this DICOM file (MANIFEST).
        using var pdf = PdfDocument.Open(File.ReadAllBytes(Corpus.Document("pdf/ecg_12lead_report_3x4.pdf")));
        var text = string.Join(" ", pdf.GetPages().Select(p => p.Text));
        var pdfRate = int.Parse(Regex.Match(text, @"Ventr\. Freq\.:\s*(\d+)\s*BPM").Groups[1].Value, CultureInfo.InvariantCulture);
        var pdfPr = Regex.Match(text, @"PR Interval:\s*(\d+)\s*ms").Groups[1].Value;
        Assert.Equal(61, pdfRate);

        var ecg = Ecg.EcgSource.Load(Dicom("ecg_12lead_waveform.dcm", TwelveLeadSop).Data, out var reason);
        Assert.True(ecg is not null, reason.ToString());
        Assert.Equal(pdfRate.ToString(CultureInfo.InvariantCulture), ecg!.Measurements.Single(m => m.Key == "hr").Value);
        Assert.Equal(pdfPr, ecg.Measurements.Single(m => m.Key == "pr").Value);
        // The rate measured on our own trace, independent of the file's annotations, matches the PDF's.
        Assert.InRange(Ecg.HeartRate.Estimate(ecg)!.Value, pdfRate - 2, pdfRate + 2);
        Assert.Equal(1000, ecg.SampleRateHz);
        Assert.Equal(10.0, ecg.DurationSeconds, 3);
    }

    [Fact]
    public async Task Hemodynamic_waveform_renders_its_channels()
    {
        var content = Dicom("hemodynamic_waveform_deflated.dcm", HemodynamicSop);
        Assert.Equal(MatchScore.SopClass, Devices.Ecg.Match(content.Metadata));
        var g = new EcgGeometry(await Devices.Svg(Devices.Ecg, content));
        Assert.NotEmpty(g.Traces);
        Assert.All(g.Calibrations, d => Assert.Equal(10, EcgGeometry.PulseHeight(d)));

        // Its channels are in mV (sensitivity units): a QRS spans hundreds of µV, not a fraction of one.
        var ecg = Ecg.EcgSource.Load(content.Data, out _)!;
        Assert.Equal(240, ecg.SampleRateHz);
        var ii = ecg.Lead("II")!.MicroVolts;
        Assert.InRange(ii.Max() - ii.Min(), 200, 5000);
    }

    [Fact]
    public async Task Dicom_image_is_not_an_ecg()
    {
        var content = Dicom("ct_explicit_le_16bit_signed_small.dcm", TwelveLeadSop);
        var result = await Devices.Ecg.RenderAsync(content, Devices.Request("view"), CancellationToken.None);
        Assert.IsType<RenderResult.CannotDisplayResult>(result);
    }
}
