namespace HapModular.Viewers.Text.Tests;

public sealed class FhirViewerTests
{
    [Fact]
    public async Task Observation_shows_value_range_and_interpretation()
    {
        var html = await Reports.View("fhir/observation_cbc_hemoglobin.json");
        Assert.Contains("<td>Hemoglobin, Blood</td><td class=\"hap-value\">17 g/dL</td><td>16.5 g/dL – 21.5 g/dL</td><td>Normal</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnostic_report_lists_results_and_sanitizes_its_html_form()
    {
        var cbc = await Reports.View("fhir/diagnosticreport_cbc.json");
        Assert.Contains("<h2>CBC panel - Blood by Automated count</h2>", cbc, StringComparison.Ordinal);
        Assert.Contains("<li>HEMOGLOBIN</li>", cbc, StringComparison.Ordinal);

        var xray = await Reports.View("fhir/diagnosticreport_chest_xray_report.json");
        Assert.Contains("hap-html-report", xray, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", xray, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Bundle_shows_each_document_reference_and_external_links_as_notes()
    {
        var html = await Reports.View("fhir/bundle_documentreference_example.json");
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(html, "hap-fhir-entry").Count);
        Assert.Contains("http://example.org/fhir/Binary/procedure-note123.pdf", html, StringComparison.Ordinal);
        Assert.Contains("Document externe", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsupported_resource_gives_a_reason()
    {
        var result = await Reports.Render(new ViewerContent(new DocumentMetadata("application/fhir+json"), """{"resourceType":"Patient"}"""u8.ToArray()));
        Assert.Contains("Patient", Assert.IsType<RenderResult.CannotDisplayResult>(result).Reason, StringComparison.Ordinal);
    }
}

public sealed class FhirComponentTests
{
    [Fact]
    public async Task Observation_components_are_listed_in_the_value_cell()
    {
        var json = """
            {"resourceType":"Observation","status":"final","code":{"text":"Blood pressure"},
             "component":[{"code":{"text":"Systolic"},"valueQuantity":{"value":142,"unit":"mm[Hg]"}},
                          {"code":{"text":"Diastolic"},"valueQuantity":{"value":91,"unit":"mm[Hg]"}}],
             "interpretation":[{"coding":[{"code":"H","display":"High"}]}]}
            """u8.ToArray();
        var html = Assert.IsType<RenderResult.HtmlFragment>(await Reports.Render(new ViewerContent(new DocumentMetadata("application/fhir+json"), json))).Value;
        Assert.Contains("<tr class=\"hap-abnormal\"><td>Blood pressure</td><td class=\"hap-value\">Systolic : 142 mm[Hg]\nDiastolic : 91 mm[Hg]</td>", html, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"hap-flag\">High</strong>", html, StringComparison.Ordinal);
    }
}
