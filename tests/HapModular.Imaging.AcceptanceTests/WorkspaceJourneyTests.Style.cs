using Microsoft.Playwright;

namespace HapModular.Imaging.AcceptanceTests;

/// <summary>
/// The workspace's stylesheet is written into the page and allowed by its hash in the page's policy: Chromium applies
/// it (dark by default, light by the physician's choice) and reports no violation. A hash that does not match the text
/// leaves the workspace unstyled: a white page, the series panel and the viewports one under the other.
/// </summary>
public sealed partial class WorkspaceJourneyTests
{
    [Theory]
    [InlineData(null, "rgb(11, 13, 16)")]
    [InlineData("light", "rgb(244, 246, 248)")]
    public async Task The_workspace_is_styled_under_its_policy_dark_or_light(string? theme, string background)
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
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations"));
    }
}
