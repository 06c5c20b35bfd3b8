using Microsoft.Playwright;
using HapModular.Testing;
using OtpNet;

namespace HapModular.Imaging.Testing;

/// <summary>Debian's Chromium (never a downloaded one) driven by Playwright, and the real two-factor sign-in.</summary>
public static class Browser
{
    public static string ScreenshotDirectory { get; } = Path.Combine(HapModular.Testing.Corpus.RepoRoot, "artifacts", "screenshots");

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
        return (playwright, browser);
    }

    /// <summary>A new context with the browser tests' limits (<see cref="PlaywrightLimits"/>).</summary>
    public static Task<IBrowserContext> NewContextAsync(IBrowser browser, BrowserNewContextOptions options) => PlaywrightLimits.NewContextAsync(browser, options);

    /// <summary>Password, then the code Dr Dupont's phone shows (the next step's code if this one was used already).</summary>
    public static async Task SignInDupontAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        // A fixture's set-up, not a measurement: on a loaded machine (CI's three test lanes starting at once, each with its
        // PostgreSQL and browser) one navigation of this sign-in once took over Playwright's default 30 s, and the whole
        // journey class failed before its first test. The page may come from a context opened without NewContextAsync.
        PlaywrightLimits.Apply(page);
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#Email", DemoSignIn.Dupont.Email);
        await page.FillAsync("#Password", DemoSignIn.Password);
        await page.ClickAsync("#sign-in button[type=submit]");
        await page.WaitForURLAsync("**/account/sign-in/code**");
        var totp = new Totp(Base32Encoding.ToBytes(DemoSignIn.Dupont.TotpSecret));
        foreach (var seconds in new[] { 0, 30, 60 })
        {
            await page.FillAsync("#Code", totp.ComputeTotp(DateTime.UtcNow.AddSeconds(seconds)));
            await page.ClickAsync("#sign-in-code button[type=submit]");
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            if (!page.Url.Contains("/account/sign-in", StringComparison.Ordinal))
            {
                return;
            }
        }

        throw new InvalidOperationException("Dr Dupont's sign-in was refused: " + await page.InnerTextAsync("main"));
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png") });
}
