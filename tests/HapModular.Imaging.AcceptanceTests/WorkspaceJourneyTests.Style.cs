using Microsoft.Playwright;

namespace HapModular.Imaging.AcceptanceTests;

/// <summary>
/// The workspace's stylesheet and boot script are written into the page and allowed by their hashes in the page's
/// policy: Chromium applies the one (dark by default, light by the physician's choice), runs the other (the study's
/// first requests, then the bundle) and reports no violation. A hash that does not match the text leaves the workspace
/// unstyled (a white page, the series panel and the viewports one under the other) or never started.
/// </summary>
public sealed partial class WorkspaceJourneyTests
{
    [Theory]
    [InlineData(null, "rgb(11, 13, 16)")]
    [InlineData("light", "rgb(244, 246, 248)")]
    public async Task The_workspace_is_styled_and_started_under_its_policy_dark_or_light(string? theme, string background)
    {
        var page = await SignedInAsync();
        if (theme is not null)
        {
            await page.Context.AddCookiesAsync([new Cookie { Name = "hap.theme", Value = theme, Url = portal.Host.BaseUrl }]);
        }

        await page.AddInitScriptAsync("""
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
            """);
        await page.GotoAsync($"/patients/{portal.Host.Marie}/imaging?study={portal.Ct.StudyUid}&series={portal.Ct.SeriesUid}");
        await ReadyAsync(page);

        Assert.Equal(background, await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        // The grid: the side panel beside the viewports, not above them.
        Assert.Equal("260px", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('nav.side')).width"));
        // The boot script ran from the page itself: no request for it, and it set up the study's early answers.
        Assert.True(await page.EvaluateAsync<bool>("() => window.hapEarly instanceof Map"));
        Assert.Empty(await page.EvaluateAsync<string[]>("() => performance.getEntriesByType('resource').filter((r) => r.name.endsWith('/boot.js')).map((r) => r.name)"));
        // Once the first image is on screen: the portal's icon (the page holds an empty one until then).
        Assert.Equal("/favicon.svg", await page.EvaluateAsync<string>("() => document.querySelector('link[rel=\"icon\"]').getAttribute('href')"));
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations"));
    }
}
