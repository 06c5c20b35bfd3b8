using System.Globalization;
using System.Text;
using HapModular.Viewers.Testing;

namespace HapModular.Viewers.Text.Tests;

public sealed class PlainTextViewerConformance : ViewerConformanceTests
{
    protected override IViewer Viewer { get; } = new TextViewersPlugin().CreateViewers(new PluginContext(".", new Dictionary<string, string>()))[0];

    // Any bytes that are not binary are text: garbage is shown, escaped, rather than refused.
    protected override bool IsHarmlessView(RenderResult result) => result is RenderResult.HtmlFragment;

    protected override IEnumerable<ViewerContent> Samples()
    {
        yield return new ViewerContent(new DocumentMetadata("text/plain", "seed.txt"), File.ReadAllBytes(Corpus.Seed));
    }
}

public sealed class PlainTextViewerTests
{
    private readonly IViewer viewer = new TextViewersPlugin().CreateViewers(new PluginContext(".", new Dictionary<string, string>()))[0];

    [Fact]
    public async Task Text_is_escaped_and_line_breaks_are_kept()
    {
        var bytes = Encoding.UTF8.GetBytes("Compte rendu <b>opératoire</b>\r\nLigne 2 & fin");
        var result = await viewer.RenderAsync(new ViewerContent(new DocumentMetadata("text/plain"), bytes), RenderRequest.ForView(CultureInfo.GetCultureInfo("fr")), CancellationToken.None);

        var html = Assert.IsType<RenderResult.HtmlFragment>(result).Value;
        Assert.Contains("&lt;b&gt;op", html, StringComparison.Ordinal);
        Assert.Contains("opératoire", html, StringComparison.Ordinal);
        Assert.Contains("\nLigne 2 &amp; fin", html, StringComparison.Ordinal);
        Assert.StartsWith("<pre", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latin1_report_is_decoded()
    {
        var bytes = Encoding.Latin1.GetBytes("Résumé de séjour");
        var result = await viewer.RenderAsync(new ViewerContent(new DocumentMetadata("text/plain"), bytes), RenderRequest.ForView(CultureInfo.GetCultureInfo("fr")), CancellationToken.None);
        Assert.Contains("Résumé de séjour", Assert.IsType<RenderResult.HtmlFragment>(result).Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_announcement_renders_with_its_title()
    {
        var content = new ViewerContent(new DocumentMetadata("text/plain", "seed.txt"), File.ReadAllBytes(Corpus.Seed));
        var inspected = await viewer.InspectAsync(content, CancellationToken.None);
        Assert.True(inspected.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(inspected.Title));
    }
}
