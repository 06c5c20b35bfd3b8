using HapModular.Testing;
using Microsoft.Playwright;

namespace HapModular.EndToEnd;

/// <summary>
/// The portal on a real port (Kestrel) over a fresh real database, plus one headless Chromium (Debian's, never a
/// downloaded one). Tests open their own browser contexts so cookies never leak between journeys.
/// Screenshots go to artifacts/screenshots/ (kept as CI artifacts).
/// </summary>
public class PortalFixture : HapAppFactory
{
    private IPlaywright? playwright;

    /// <summary>The portal's base URL, e.g. http://127.0.0.1:40123.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots are written.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(Corpus.RepoRoot, "artifacts", "screenshots");

    /// <inheritdoc />
    protected override bool RunJobs => true;

    /// <inheritdoc />
    protected override bool UseFakeTime => false;

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var port = FreePorts.Next();
        UseKestrel(port);
        StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";
        Directory.CreateDirectory(ScreenshotDirectory);

        playwright = await Playwright.CreateAsync();
        Browser = await BrowserSession.LaunchChromiumAsync(playwright);
    }

    /// <summary>A fresh browser context (own cookies) with a French UI and a tablet-or-desktop viewport.</summary>
    public Task<IBrowserContext> NewContextAsync() =>
        BrowserSession.NewContextAsync(Browser, new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "fr-BE", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

    /// <summary>Saves a full-page screenshot named after the journey step.</summary>
    public static Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Browser tests share one portal: starting Chromium and the host once keeps the suite fast.</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "portal";
}
