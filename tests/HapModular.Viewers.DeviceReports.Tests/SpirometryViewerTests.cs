namespace HapModular.Viewers.DeviceReports.Tests;

public sealed class SpirometryViewerTests
{
    private static ViewerContent Csv() => Devices.Doc("device/ndd_easyone_spirometry_results.csv", "text/csv");

    [Fact]
    public async Task Results_table_shows_each_forced_test_with_predicted_and_lln()
    {
        var html = await Devices.Html(Devices.Spirometry, Csv());
        // 14 rows: 12 carry values (SVC and DLCO rows only VC max); MVV and FRC carry none and are listed apart.
        Assert.Equal(12, System.Text.RegularExpressions.Regex.Matches(html, "<section class=\"hap-spiro-test\">").Count);
        Assert.Contains("MVV · Pre — pas de valeurs spirométriques", html, StringComparison.Ordinal);
        // Test 86 (FVL, pre): FEV1 4.016 L, predicted 4.427, LLN 3.60 → 91 %.
        Assert.Contains("<tr><th>FEV1 (VEMS)</th><td>4,02 L</td><td>4,43</td><td>3,60</td><td>91 %</td></tr>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Smith", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/doc/3/chart\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_below_the_lower_limit_is_flagged()
    {
        var html = await Devices.Html(Devices.Spirometry, Csv());
        // Test 96 (2013, level): FEV1 3.24 L, below its lower limit of normal.
        Assert.Contains("<tr class=\"hap-abnormal\"><th>FEV1 (VEMS)</th><td>3,24 L <strong class=\"hap-flag\">(sous la limite inférieure)</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trend_chart_plots_every_forced_manoeuvre()
    {
        var svg = System.Xml.Linq.XElement.Parse(await Devices.Svg(Devices.Spirometry, Csv(), "chart"));
        var fev1 = svg.Descendants().First(e => (string?)e.Attribute("class") == "spiro-fev1");
        Assert.Equal(10, ((string)fev1.Attribute("points")!).Split(' ').Length);
    }

    [Fact]
    public async Task Csv_without_spirometry_columns_is_refused()
    {
        var content = new ViewerContent(new DocumentMetadata("text/csv", "x.csv"), "a,b\n1,2\n"u8.ToArray());
        Assert.IsType<RenderResult.CannotDisplayResult>(await Devices.Spirometry.RenderAsync(content, Devices.Request("view"), CancellationToken.None));
    }
}
