using HapModular.Testing;
using Microsoft.Playwright;

namespace HapModular.EndToEnd;

/// <summary>Debian's headless Chromium on a portal that runs elsewhere (a host process), one context per person.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly string baseUrl;

    private BrowserSession(IPlaywright playwright, IBrowser browser, string baseUrl)
    {
        this.playwright = playwright;
        this.browser = browser;
        this.baseUrl = baseUrl;
    }

    /// <summary>Starts Chromium for a portal at <paramref name="baseUrl"/>.</summary>
    public static async Task<BrowserSession> StartAsync(string baseUrl)
    {
        var playwright = await Playwright.CreateAsync();
        return new BrowserSession(playwright, await LaunchChromiumAsync(playwright), baseUrl);
    }

    /// <summary>A new context with the browser tests' limits (<see cref="PlaywrightLimits"/>).</summary>
    public static Task<IBrowserContext> NewContextAsync(IBrowser browser, BrowserNewContextOptions options) => PlaywrightLimits.NewContextAsync(browser, options);

    /// <summary>Debian's Chromium, headless, never a downloaded browser.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A new context (own cookies, French) with this demo user signed in.</summary>
    public async Task<IPage> SignedInPageAsync(DemoUser user)
    {
        var context = await NewContextAsync(browser, new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "fr-BE" });
        var page = await context.NewPageAsync();
        await SignIn.SignInAsync(page, user);
        return page;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await browser.CloseAsync();
        playwright.Dispose();
    }
}
