namespace HapModular.Viewers.Text.Tests;

public sealed class OruViewerTests
{
    [Theory]
    [InlineData("hl7v2/oru_r01_cerner_lead_lab_2.5.1.hl7")]
    [InlineData("hl7v2/oru_r01_nist_lead_lab_2.5.1.hl7")]
    [InlineData("hl7v2/oru_r01_hepatitis_c_lab_2.5.1.hl7")]
    [InlineData("hl7v2/oru_r01_radiology_text_report.hl7")]
    public async Task Every_obx_value_appears_with_units_and_flags_in_its_row(string relative)
    {
        var html = await Reports.View(relative);
        var rows = System.Text.RegularExpressions.Regex.Matches(html, "<tr[^>]*>.*?</tr>").Select(m => m.Value).ToList();
        var obxs = File.ReadAllText(Corpus.Document(relative)).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("OBX|", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(obxs);
        foreach (var obx in obxs)
        {
            var f = obx.Split('|');
            var value = f[5].Split('^') is var v && f[2] is "CE" or "CWE" && v.Length > 1 ? v[1] : f[2] == "SN" ? string.Concat(f[5].Split('^')) : f[5].Split('^')[0];
            var units = f.Length > 6 ? f[6].Split('^')[0] : string.Empty;
            var flags = f.Length > 8 ? f[8].Split('~').Select(x => x.Split('^')[0]).Where(x => x.Length > 0).ToList() : [];
            var code = f[3].Split('^');
            var test = code.Length > 1 && code[1].Length > 0 ? code[1] : code[0];
            var row = rows.FirstOrDefault(r => r.Contains("<td>" + HtmlText.Encode(test) + "</td>", StringComparison.Ordinal)
                && r.Contains("<td class=\"hap-value\">" + HtmlText.Encode(value.Trim()) + "</td>", StringComparison.Ordinal));
            Assert.True(row is not null, $"test [{test}] with value [{value}] of {relative} not in a table row");
            Assert.Contains("<td>" + HtmlText.Encode(units), row, StringComparison.Ordinal);
            foreach (var flag in flags)
            {
                Assert.Contains(HtmlText.Encode(flag), row, StringComparison.Ordinal);
                if (flag is not ("N" or "NEG"))
                {
                    Assert.StartsWith("<tr class=\"hap-abnormal\">", row, StringComparison.Ordinal);
                    Assert.Contains("<strong class=\"hap-flag\">", row, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task Lead_level_row_reads_fully()
    {
        var html = await Reports.View("hl7v2/oru_r01_nist_lead_lab_2.5.1.hl7");
        Assert.Contains("<tr class=\"hap-abnormal\"><td>Lead BldC-mCnc</td><td class=\"hap-value\">50</td><td>ug/dL</td><td>&lt;9 mcg/dL:  Acceptable background lead exposure</td><td><strong class=\"hap-flag\">H (élevé)</strong> </td></tr>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embedded_cda_is_rendered_inside_the_message()
    {
        var html = await Reports.View("hl7v2/oru_r01_report_with_embedded_cda.hl7");
        Assert.Contains("<h1>Chest X-Ray, PA and LAT View</h1>", html, StringComparison.Ordinal);
        Assert.Contains("hap-embedded-cda", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_without_results_gives_a_reason()
    {
        var msg = "MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5\rPID|1||123\r"u8.ToArray();
        var result = await Reports.Render(new ViewerContent(new DocumentMetadata("application/hl7-v2"), msg));
        Assert.Contains("no OBR or OBX", Assert.IsType<RenderResult.CannotDisplayResult>(result).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escapes_are_resolved_and_html_is_escaped()
    {
        var msg = "MSH|^~\\&|A|B|C|D|20240101||ORU^R01|1|P|2.5\rOBR|1|||X^Panel\rOBX|1|ST|T^Test||a\\T\\b <i>\\F\\||||||F\r"u8.ToArray();
        var html = Assert.IsType<RenderResult.HtmlFragment>(await Reports.Render(new ViewerContent(new DocumentMetadata("application/hl7-v2"), msg))).Value;
        Assert.Contains("a&amp;b &lt;i&gt;|", html, StringComparison.Ordinal);
    }
}
