using Microsoft.Playwright;

namespace HapModular.Testing;

/// <summary>
/// How long a browser test waits for a page, a selector or an expectation: three minutes instead of Playwright's 30 s
/// (5 s for expectations). These are limits, not measurements (the imaging benchmark times what it measures): on CI's
/// loaded machine (test lanes at once, each with its PostgreSQL and browser, on 2 throttled cores) a workspace once took
/// over 30 s to become ready and right journeys failed. A wrong journey still fails, only later.
/// </summary>
internal static class PlaywrightLimits
{
    private const float Milliseconds = 180_000;

    /// <summary>A new context of <paramref name="browser"/> with these limits for every page it opens.</summary>
    public static async Task<IBrowserContext> NewContextAsync(IBrowser browser, BrowserNewContextOptions options)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.NewContextAsync(options);
        context.SetDefaultTimeout(Milliseconds);
        context.SetDefaultNavigationTimeout(Milliseconds);
        Assertions.SetDefaultExpectTimeout(Milliseconds);
        return context;
    }

    /// <summary>These limits for one page (opened without <see cref="NewContextAsync"/>).</summary>
    public static void Apply(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.SetDefaultTimeout(Milliseconds);
        page.SetDefaultNavigationTimeout(Milliseconds);
        Assertions.SetDefaultExpectTimeout(Milliseconds);
    }
}
