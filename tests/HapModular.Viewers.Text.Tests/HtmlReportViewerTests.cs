using System.Globalization;
using System.Text;
using HapModular.Viewers.Testing;

namespace HapModular.Viewers.Text.Tests;

public sealed class HtmlReportViewerConformance : ViewerConformanceTests
{
    protected override IViewer Viewer { get; } = new TextViewersPlugin().CreateViewers(new PluginContext(".", new Dictionary<string, string>()))[1];

    // Any bytes that are not binary are text: garbage is shown, escaped, rather than refused.
    protected override bool IsHarmlessView(RenderResult result) => result is RenderResult.HtmlFragment;

    protected override IEnumerable<ViewerContent> Samples()
    {
        yield return new ViewerContent(new DocumentMetadata("text/html", "report.html"), Encoding.UTF8.GetBytes(HtmlReportViewerTests.Hostile));
    }
}

public sealed class HtmlReportViewerTests
{
    internal const string Hostile = """
        <html><head><title>Protocole opératoire</title><style>p { width: expression(alert(1)); }</style></head>
        <body onload="steal()">
          <h1>Protocole opératoire</h1>
          <script>alert('x')</script>
          <p style="background:url(javascript:alert(1))">Intervention sans complication.</p>
          <a href="javascript:alert(1)">lien</a>
          <img src="x" onerror="alert(1)">
          <iframe src="https://evil.example"></iframe>
          <table><tr><th>Examen</th><td>Normal</td></tr></table>
        </body></html>
        """;

    private readonly IViewer viewer = new TextViewersPlugin().CreateViewers(new PluginContext(".", new Dictionary<string, string>()))[1];

    [Fact]
    public async Task Hostile_html_renders_inert_but_keeps_the_text()
    {
        var result = await viewer.RenderAsync(new ViewerContent(new DocumentMetadata("text/html"), Encoding.UTF8.GetBytes(Hostile)), RenderRequest.ForView(CultureInfo.GetCultureInfo("fr")), CancellationToken.None);
        var html = Assert.IsType<RenderResult.HtmlFragment>(result).Value;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onload", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expression(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Intervention sans complication.", html, StringComparison.Ordinal);
        Assert.Contains("<td>Normal</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Title_comes_from_the_document()
    {
        var inspected = await viewer.InspectAsync(new ViewerContent(new DocumentMetadata("text/html"), Encoding.UTF8.GetBytes(Hostile)), CancellationToken.None);
        Assert.Equal("Protocole opératoire", inspected.Title);
    }
}
