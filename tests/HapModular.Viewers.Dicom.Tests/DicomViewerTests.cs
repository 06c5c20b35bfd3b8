using System.Globalization;
using System.Text.Json;
using HapModular.Viewers.Testing;

namespace HapModular.Viewers.Dicom.Tests;

public sealed class DicomViewerConformance : ViewerConformanceTests
{
    protected override IViewer Viewer { get; } = new DicomViewersPlugin().CreateViewers(new PluginContext(".", new Dictionary<string, string>()))[0];

    protected override IEnumerable<ViewerContent> Samples()
    {
        yield return Corpus.Load("ct_implicit_le_16bit_signed_rescale", "1.2.840.10008.5.1.4.1.1.2");
        yield return Corpus.Load("us_cine_jpeg_baseline_ybr422_30frames");
        yield return Corpus.Load("mr_enhanced_10frames", "1.2.840.10008.5.1.4.1.1.4.1");
        yield return Corpus.Load("us_j2k_lossless_ybr_rct");
        yield return Corpus.Load("sr_comprehensive_nested", "1.2.840.10008.5.1.4.1.1.88.33");
        yield return new ViewerContent(new DocumentMetadata("application/dicom", "pdf.dcm", "1.2.840.10008.5.1.4.1.1.104.1"), EncapsulatedPdfSample.Build());
    }
}

public sealed class DicomViewerTests
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-BE");
    private readonly IViewer viewer = new DicomViewersPlugin().CreateViewers(new PluginContext(".", new Dictionary<string, string>()))[0];

    [Theory]
    [InlineData("1.2.840.10008.5.1.4.1.1.9.1.1")]
    [InlineData("1.2.840.10008.5.1.4.1.1.9.1.2")]
    [InlineData("1.2.840.10008.5.1.4.1.1.9.2.1")]
    public void Waveform_sop_classes_are_left_to_the_device_report_viewer(string sopClass) =>
        Assert.Equal(MatchScore.None, viewer.Match(new DocumentMetadata("application/dicom", "ecg.dcm", sopClass)));

    [Fact]
    public void Image_sop_class_scores_above_the_media_type()
    {
        Assert.Equal(MatchScore.SopClass, viewer.Match(new DocumentMetadata("application/dicom", null, "1.2.840.10008.5.1.4.1.1.2")));
        Assert.Equal(MatchScore.MediaType, viewer.Match(new DocumentMetadata("application/dicom")));
    }

    [Fact]
    public async Task Inspection_gives_patient_keys_uids_date_and_a_small_thumbnail()
    {
        var result = await viewer.InspectAsync(Corpus.Load("ct_implicit_le_16bit_signed_rescale"), CancellationToken.None);
        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("CT", result.Keys[InspectionKeys.Modality]);
        Assert.Equal("1.2.840.10008.5.1.4.1.1.2", result.Keys[InspectionKeys.SopClassUid]);
        Assert.Equal("1.3.6.1.4.1.5962.1.1.1.1.1.20040826185059.5457", result.Keys[InspectionKeys.SopInstanceUid]);
        Assert.True(result.Keys.ContainsKey(InspectionKeys.StudyInstanceUid));
        Assert.True(result.Keys.ContainsKey(InspectionKeys.SeriesInstanceUid));
        Assert.Equal("1", result.Keys[InspectionKeys.NumberOfFrames]);
        Assert.Equal(new DateTimeOffset(2004, 8, 26, 18, 50, 59, TimeSpan.FromHours(-4)), result.ClinicalDate);
        Assert.Equal("image/png", result.ThumbnailMediaType);
        var png = result.Thumbnail!;
        Assert.Equal(0x89, png[0]);
        Assert.Equal(256, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
    }

    [Fact]
    public async Task Inspection_decodes_names_with_their_character_set()
    {
        var result = await viewer.InspectAsync(Corpus.Load("charset_latin1_iso_ir_100"), CancellationToken.None);
        Assert.Equal("Buc^Jérôme", result.Keys[InspectionKeys.PatientName]);
    }

    [Fact]
    public async Task View_carries_what_the_client_module_needs_and_no_script()
    {
        var request = new RenderRequest("view", new Dictionary<string, string>(), French, "/docs/42/render/", "/docs/42/original");
        var html = Assert.IsType<RenderResult.HtmlFragment>(await viewer.RenderAsync(Corpus.Load("ct_implicit_le_16bit_signed_rescale"), request, CancellationToken.None)).Value;
        Assert.StartsWith("<div class=\"hap-dicom\"", html, StringComparison.Ordinal);
        Assert.Contains("data-frames=\"1\"", html, StringComparison.Ordinal);
        Assert.Contains("data-rows=\"512\"", html, StringComparison.Ordinal);
        Assert.Contains("data-modality=\"CT\"", html, StringComparison.Ordinal);
        Assert.Contains("data-frame-url=\"/docs/42/render/frame\"", html, StringComparison.Ordinal);
        Assert.Contains("data-raw-url=\"/docs/42/render/raw\"", html, StringComparison.Ordinal);
        Assert.Contains("lung -600 1500", html, StringComparison.Ordinal);
        Assert.Contains("data-wc=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Frame_target_gives_a_png_at_the_requested_window_and_size()
    {
        var content = Corpus.Load("xa_cine_jpeg_baseline_96frames_fragmented");
        var a = await Frame(content, ("frame", "5"));
        var b = await Frame(content, ("frame", "60"));
        var small = await Frame(content, ("frame", "5"), ("size", "128"));
        var windowed = await Frame(content, ("frame", "5"), ("wc", "30"), ("ww", "20"));
        Assert.NotEqual(a, b);
        Assert.NotEqual(a, windowed);
        Assert.Equal(128, (small[16] << 24) | (small[17] << 16) | (small[18] << 8) | small[19]);
    }

    [Fact]
    public async Task Raw_and_meta_give_modality_values_for_client_side_window_level()
    {
        var content = Corpus.Load("ct_implicit_le_16bit_signed_rescale");
        var raw = Assert.IsType<RenderResult.BinaryContent>(await viewer.RenderAsync(content, Request("raw"), CancellationToken.None));
        Assert.Equal(512 * 512 * 2, raw.Content.Length);
        var meta = Assert.IsType<RenderResult.JsonContent>(await viewer.RenderAsync(content, Request("meta"), CancellationToken.None));
        using var json = JsonDocument.Parse(meta.Value);
        var min = json.RootElement.GetProperty("min").GetInt32();
        Assert.True(min < -500, "CT air is below -500 HU after the rescale intercept");
        Assert.Equal(512, json.RootElement.GetProperty("columns").GetInt32());
        var first = (short)(raw.Content[0] | (raw.Content[1] << 8));
        Assert.InRange(first, min, json.RootElement.GetProperty("max").GetInt32());
    }

    [Fact]
    public async Task Structured_report_is_readable_html_with_headings_codes_and_measurements()
    {
        var html = Assert.IsType<RenderResult.HtmlFragment>(await viewer.RenderAsync(Corpus.Load("sr_comprehensive_nested"), RenderRequest.ForView(French), CancellationToken.None)).Value;
        Assert.StartsWith("<article class=\"hap-dicom-sr\"><h1>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>", html, StringComparison.Ordinal);
        Assert.Contains("hap-sr-code", html, StringComparison.Ordinal);
        Assert.Contains("hap-sr-num", html, StringComparison.Ordinal);
        var text = Assert.IsType<RenderResult.HtmlFragment>(await viewer.RenderAsync(Corpus.Load("sr_basic_text"), RenderRequest.ForView(French), CancellationToken.None)).Value;
        Assert.Contains("hap-sr-text", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encapsulated_pdf_is_handed_to_the_pdf_viewer_and_served_by_the_pdf_target()
    {
        var content = new ViewerContent(new DocumentMetadata("application/dicom", "pdf.dcm"), EncapsulatedPdfSample.Build());
        var handOff = Assert.IsType<RenderResult.HandOffResult>(await viewer.RenderAsync(content, RenderRequest.ForView(French), CancellationToken.None));
        Assert.Equal("application/pdf", handOff.Content.Metadata.MediaType);
        Assert.Equal(EncapsulatedPdfSample.Pdf, handOff.Content.Data.ToArray());
        var pdf = Assert.IsType<RenderResult.BinaryContent>(await viewer.RenderAsync(content, Request("pdf"), CancellationToken.None));
        Assert.Equal(EncapsulatedPdfSample.Pdf, pdf.Content);
    }

    [Fact]
    public async Task Waveform_content_is_handed_off_as_a_device_report()
    {
        var result = await viewer.RenderAsync(Corpus.Load("ecg_12lead_waveform"), RenderRequest.ForView(French), CancellationToken.None);
        var handOff = Assert.IsType<RenderResult.HandOffResult>(result);
        Assert.Equal("device-report", handOff.Content.Metadata.Kind);
        Assert.Equal("1.2.840.10008.5.1.4.1.1.9.1.1", handOff.Content.Metadata.SopClassUid);
    }

    [Theory]
    [InlineData("malformed_no_meta_stray_leading_byte", "Not a readable DICOM file: offset 0")]
    [InlineData("malformed_truncated_pixel_data", "truncated pixel data")]
    [InlineData("nometa_explicit_le_rt_ion_plan", "no image, report or document")]
    public async Task Unreadable_objects_cannot_be_displayed_with_a_clear_reason(string name, string reason)
    {
        var result = await viewer.RenderAsync(Corpus.Load(name), RenderRequest.ForView(French), CancellationToken.None);
        Assert.Contains(reason, Assert.IsType<RenderResult.CannotDisplayResult>(result).Reason, StringComparison.Ordinal);
    }

    private static RenderRequest Request(string target, params (string Name, string Value)[] parameters) =>
        new(target, parameters.ToDictionary(p => p.Name, p => p.Value), French, "./", "./original");

    private async Task<byte[]> Frame(ViewerContent content, params (string, string)[] parameters) =>
        Assert.IsType<RenderResult.BinaryContent>(await viewer.RenderAsync(content, Request("frame", parameters), CancellationToken.None)).Content;
}

public sealed class RawFrameTests
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-BE");
    private readonly IViewer viewer = new DicomViewersPlugin().CreateViewers(new PluginContext(".", new Dictionary<string, string>()))[0];

    [Fact]
    public async Task Dose_values_beyond_16_bits_are_scaled_and_described_in_meta()
    {
        var content = Corpus.Load("rtdose_implicit_le_32bit_15frames");
        var request = new RenderRequest("meta", new Dictionary<string, string> { ["frame"] = "3" }, French, "./", "./original");
        using var meta = JsonDocument.Parse(Assert.IsType<RenderResult.JsonContent>(await viewer.RenderAsync(content, request, CancellationToken.None)).Value);
        var scale = meta.RootElement.GetProperty("scale").GetDouble();
        var offset = meta.RootElement.GetProperty("offset").GetDouble();
        var max = meta.RootElement.GetProperty("max").GetDouble();
        Assert.True(max > short.MaxValue && scale > 1, $"dose maximum {max} needs scaling (scale {scale})");
        var raw = Assert.IsType<RenderResult.BinaryContent>(await viewer.RenderAsync(content, request with { Target = "raw" }, CancellationToken.None)).Content;
        var decoded = Enumerable.Range(0, raw.Length / 2).Select(i => ((short)(raw[i * 2] | (raw[(i * 2) + 1] << 8)) * scale) + offset).Max();
        Assert.InRange(decoded, max - scale, max + scale);
    }
}
