using System.Text.RegularExpressions;

namespace HapModular.Viewers.Text.Tests;

public sealed partial class CorpusReportTests
{
    public static TheoryData<string> ReportFiles()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "cda", "hl7v2", "fhir", "pdf" })
        {
            foreach (var file in Corpus.Files(folder))
            {
                data.Add(folder + "/" + Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReportFiles))]
    public async Task Every_report_renders_and_its_pdf_frames_serve_a_pdf(string relative)
    {
        var content = Reports.Doc(relative);
        var viewer = Reports.Pick(content.Metadata);
        Assert.True(viewer.Match(content.Metadata) >= MatchScore.MediaType, $"{relative} picked {viewer.Descriptor.Id}");

        var html = Assert.IsType<RenderResult.HtmlFragment>(await Reports.Render(content)).Value;
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        foreach (Match frame in PdfFrame().Matches(html))
        {
            var query = System.Net.WebUtility.HtmlDecode(frame.Groups[1].Value);
            var parameters = query.Length == 0 ? [] : query.TrimStart('?').Split('&').Select(p => p.Split('=')).Select(p => (p[0], p[1])).ToArray();
            var pdf = Assert.IsType<RenderResult.BinaryContent>(await Reports.Render(content, "pdf", parameters));
            Assert.Equal("application/pdf", pdf.MediaType);
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf.Content, 0, 5), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("cda/ccda_unstructured_embedded_pdf.xml")]
    [InlineData("hl7v2/oru_r01_report_with_embedded_pdf.hl7")]
    [InlineData("fhir/documentreference_adi_dnr_pdf.json")]
    [InlineData("pdf/discharge_summary_sample.pdf")]
    public async Task Embedded_pdfs_are_framed(string relative)
    {
        var html = await Reports.View(relative);
        Assert.Matches(PdfFrame(), html);
        Assert.Contains("sandbox", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/doc/7/original\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embedded_cda_pdf_is_the_discharge_summary_pdf_of_the_corpus()
    {
        var pdf = Assert.IsType<RenderResult.BinaryContent>(await Reports.Render(Reports.Doc("cda/ccda_unstructured_embedded_pdf.xml"), "pdf"));
        Assert.Equal(File.ReadAllBytes(Corpus.Document("pdf/discharge_summary_sample.pdf")), pdf.Content);
    }

    [Fact]
    public async Task Referenced_pdf_gives_a_clear_note()
    {
        var html = await Reports.View("cda/ccda_unstructured_reference_pdf.xml");
        Assert.Contains("fichier séparé", html, StringComparison.Ordinal);
        Assert.Contains("UD_sample.pdf", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(PdfFrame(), html);
    }

    [Fact]
    public async Task Non_pdf_garbage_on_the_pdf_target_is_refused()
    {
        var result = await Reports.Render(Reports.Doc("cda/ccda_discharge_summary.xml"), "pdf");
        Assert.IsType<RenderResult.CannotDisplayResult>(result);
    }

    [GeneratedRegex("<iframe class=\"hap-pdf\"[^>]*src=\"/doc/7/pdf([^\"]*)\"")]
    private static partial Regex PdfFrame();
}
