using HapModular.Modules.Records.Documents;
using HapModular.Testing;

namespace HapModular.Modules.Records.Tests;

public sealed class MediaTypeSnifferTests
{
    [Theory]
    [InlineData("documents/pdf/discharge_summary_sample.pdf", "application/pdf")]
    [InlineData("photos/jpeg_baseline_hopper.jpg", "image/jpeg")]
    [InlineData("photos/png_rgb_hopper.png", "image/png")]
    [InlineData("photos/heic_photo_pug.heic", "image/heic")]
    [InlineData("photos/heif_rgb_8bit_128.heif", "image/heic")] // its major brand is heic, whatever the extension says
    [InlineData("dicom/ct_implicit_le_16bit_signed_rescale.dcm", "application/dicom")]
    [InlineData("dicom/cr_monochrome1_acrnema_no_meta_no_preamble.dcm", "application/dicom")]
    [InlineData("documents/cda/ccda_ccd.xml", "application/hl7-cda+xml")]
    [InlineData("documents/aecg/fda_minimum_aecg.xml", "application/hl7-aecg+xml")]
    [InlineData("documents/hl7v2/oru_r01_radiology_text_report.hl7", "application/hl7-v2")]
    [InlineData("documents/fhir/diagnosticreport_cbc.json", "application/fhir+json")]
    [InlineData("documents/scp-ecg/ecgtoolkit_example_12lead.scp", "application/scp-ecg")]
    [InlineData("documents/device/ndd_easyone_spirometry_results.csv", "text/csv")]
    [InlineData("documents/device/contec_ecg90a_export.ECG", "application/x-contec-ecg")]
    public void The_media_type_comes_from_the_bytes(string file, string expected) =>
        Assert.Equal(expected, MediaTypeSniffer.Detect(File.ReadAllBytes(Corpus.File(file)), Path.GetFileName(file)));

    [Fact]
    public void A_misleading_file_name_does_not_change_the_detected_type() =>
        Assert.Equal("application/pdf", MediaTypeSniffer.Detect(File.ReadAllBytes(Corpus.File("documents/pdf/discharge_summary_sample.pdf")), "photo.jpg"));

    [Theory]
    [InlineData("<html><body>Hi</body></html>", "text/html")]
    [InlineData("Patient va bien.\nContrôle dans 3 mois.", "text/plain")]
    [InlineData("", "application/octet-stream")]
    public void Text_formats_are_recognised(string text, string expected) =>
        Assert.Equal(expected, MediaTypeSniffer.Detect(System.Text.Encoding.UTF8.GetBytes(text), null));

    /// <summary>Issue 11: an aECG whose leading comment holds '&lt;' was filed as "other", out of the device-report filter.</summary>
    [Theory]
    [InlineData("<!-- exported by <ECG-Cart 3000>; see <http://example.org> -->\n")]
    [InlineData("<?xml version=\"1.0\"?>\n<!-- a < b -->\n<?xml-stylesheet type=\"text/xsl\" href=\"aecg.xsl\"?>\n")]
    [InlineData("\uFEFF<!--<AnnotatedECG>--><!-- <ClinicalDocument> -->")]
    public void An_aecg_whose_prologue_holds_angle_brackets_is_still_an_aecg(string prologue)
    {
        var aecg = System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(Corpus.File("documents/aecg/liryc_hl7aecg_example.xml")));
        Assert.Equal("application/hl7-aecg+xml", MediaTypeSniffer.Detect(System.Text.Encoding.UTF8.GetBytes(prologue + aecg), "ecg.xml"));
    }

    [Fact]
    public void Random_bytes_are_unknown() =>
        Assert.Equal("application/octet-stream", MediaTypeSniffer.Detect([0x00, 0x13, 0x37, 0x42, 0x00, 0x01, 0xFE, 0xEE, 0x00, 0x00, 0x00, 0x00, 0x01], "x.bin"));
}
