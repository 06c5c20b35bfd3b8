namespace HapModular.EndToEnd;

[Collection(PortalCollection.Name)]
public sealed class ShellJourneyTests(PortalFixture portal)
{
    [Fact]
    public async Task The_home_page_speaks_french_and_switches_to_dutch()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("médecins traitants", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(page, "shell-01-home-fr");

        await page.ClickAsync("nav.languages a[lang=nl]");
        Assert.Equal("nl", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("behandelende artsen", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(page, "shell-02-home-nl");
    }
}
