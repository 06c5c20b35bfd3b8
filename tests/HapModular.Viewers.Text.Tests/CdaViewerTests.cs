using System.Text;
using System.Xml.Linq;

namespace HapModular.Viewers.Text.Tests;

public sealed class CdaViewerTests
{
    [Fact]
    public async Task Discharge_summary_shows_every_section_title_as_a_heading()
    {
        var path = Corpus.Document("cda/ccda_discharge_summary.xml");
        XNamespace v3 = "urn:hl7-org:v3";
        var titles = XDocument.Load(path).Descendants(v3 + "section").Select(s => s.Element(v3 + "title")?.Value.Trim()).OfType<string>().ToList();
        Assert.True(titles.Count >= 20);

        var html = await Reports.View("cda/ccda_discharge_summary.xml");
        foreach (var title in titles)
        {
            Assert.Matches("<h[2-6]>" + System.Text.RegularExpressions.Regex.Escape(HtmlText.Encode(title)) + "</h[2-6]>", html);
        }

        Assert.Contains("<h1>Community Health and Hospitals: Discharge Summary</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("<li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Section_fragment_and_narrative_tables_render()
    {
        var html = await Reports.View("cda/ccda_results_section_bmp_troponin.xml");
        Assert.Contains("<h2>Results</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Reference Range</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspection_reads_title_and_effective_time()
    {
        var inspected = await Reports.ById("text.cda").InspectAsync(Reports.Doc("cda/ccda_discharge_summary.xml"), CancellationToken.None);
        Assert.Equal("Community Health and Hospitals: Discharge Summary", inspected.Title);
        Assert.NotNull(inspected.ClinicalDate);
    }

    [Fact]
    public async Task Dtd_and_external_entities_are_refused()
    {
        const string xxe = """<?xml version="1.0"?><!DOCTYPE ClinicalDocument [<!ENTITY x SYSTEM "file:///etc/passwd">]><ClinicalDocument xmlns="urn:hl7-org:v3"><title>&x;</title></ClinicalDocument>""";
        var result = await Reports.Render(new ViewerContent(new DocumentMetadata("application/hl7-cda+xml"), Encoding.UTF8.GetBytes(xxe)));
        Assert.IsType<RenderResult.CannotDisplayResult>(result);
    }

    [Fact]
    public async Task Narrative_cannot_carry_script_or_javascript_links()
    {
        const string cda = """
            <ClinicalDocument xmlns="urn:hl7-org:v3"><title>T</title><component><structuredBody><component><section><title>S</title>
            <text><paragraph onclick="x()">a<content styleCode="Bold">b</content><linkHtml href="javascript:alert(1)">c</linkHtml>&lt;script&gt;</paragraph></text>
            </section></component></structuredBody></component></ClinicalDocument>
            """;
        var html = Assert.IsType<RenderResult.HtmlFragment>(await Reports.Render(new ViewerContent(new DocumentMetadata("application/hl7-cda+xml"), Encoding.UTF8.GetBytes(cda)))).Value;
        Assert.Contains("<p>a<strong>b</strong>c&lt;script&gt;</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onclick", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Generic_xml_is_claimed_below_a_specific_media_type()
    {
        var cda = Reports.ById("text.cda");
        Assert.True(cda.Match(new DocumentMetadata("application/xml")) is > MatchScore.Fallback and < MatchScore.MediaType);
        Assert.Equal(MatchScore.MediaType, cda.Match(new DocumentMetadata("application/hl7-cda+xml")));
    }
}
