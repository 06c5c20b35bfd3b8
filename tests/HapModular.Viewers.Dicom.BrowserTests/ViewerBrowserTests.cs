using HapModular.Testing;
using Microsoft.Playwright;

namespace HapModular.Viewers.Dicom.BrowserTests;

/// <summary>
/// Opens a CT and a multi-frame cine in Chromium through the client module, drags window/level, steps and plays
/// frames, and checks the canvas changed. Screenshots are kept in artifacts/screenshots/.
/// </summary>
public sealed class ViewerBrowserTests : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;
    private MiniHost? host;

    public async Task InitializeAsync()
    {
        host = new MiniHost(name => File.ReadAllBytes(Path.Combine(Paths.Corpus, "dicom", name + ".dcm")));
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Ct_window_level_follows_a_mouse_drag()
    {
        var (page, errors) = await Open("ct_implicit_le_16bit_signed_rescale");
        var overlay = page.Locator(".hap-dicom-overlay");
        await Assertions.Expect(overlay).ToContainTextAsync("Fenêtre");
        var before = await CanvasHash(page);
        var wlBefore = await overlay.TextContentAsync();
        await page.ScreenshotAsync(new() { Path = Paths.Screenshot("dicom-ct-before.png") });

        var box = (await page.Locator(".hap-dicom canvas").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + (box.Width / 2) - 120, box.Y + (box.Height / 2) - 80, new() { Steps = 8 });
        await page.Mouse.UpAsync();

        Assert.NotEqual(wlBefore, await overlay.TextContentAsync());
        Assert.NotEqual(before, await CanvasHash(page));
        await page.Keyboard.PressAsync("4"); // fourth CT preset: lung
        await Assertions.Expect(overlay).ToContainTextAsync("-600/1500");
        await page.ScreenshotAsync(new() { Path = Paths.Screenshot("dicom-ct-after-drag.png") });
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task Cine_steps_and_plays_frames()
    {
        var (page, errors) = await Open("xa_cine_jpeg_baseline_96frames_fragmented");
        var overlay = page.Locator(".hap-dicom-overlay");
        var viewer = page.Locator(".hap-dicom");
        await Assertions.Expect(overlay).ToContainTextAsync("Image 1/96");
        await Assertions.Expect(viewer).ToHaveAttributeAsync("data-drawn", "1");
        var first = await CanvasHash(page);
        await page.Locator(".hap-dicom").FocusAsync();
        for (var i = 0; i < 20; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await Assertions.Expect(overlay).ToContainTextAsync("Image 21/96");
        await Assertions.Expect(viewer).ToHaveAttributeAsync("data-drawn", "21");
        Assert.NotEqual(first, await CanvasHash(page));
        await page.ScreenshotAsync(new() { Path = Paths.Screenshot("dicom-cine-frame21.png") });

        await page.Keyboard.PressAsync(" ");
        await Assertions.Expect(viewer).Not.ToHaveAttributeAsync("data-drawn", "21");
        await page.Keyboard.PressAsync(" ");
        var text = await overlay.TextContentAsync() ?? string.Empty;
        Assert.DoesNotContain("Image 21/96", text, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Paths.Screenshot("dicom-cine-played.png") });
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private async Task<(IPage Page, List<string> Errors)> Open(string name)
    {
        var page = await browser!.NewPageAsync(new() { ViewportSize = new() { Width = 900, Height = 800 } });
        PlaywrightLimits.Apply(page);
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => errors.Add(e);
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                errors.Add($"{r.Status} {r.Url}");
            }
        };
        await page.GotoAsync(host!.BaseUrl + "docs/" + name);
        return (page, errors);
    }

    private static Task<string> CanvasHash(IPage page) =>
        page.EvaluateAsync<string>("() => document.querySelector('.hap-dicom canvas').toDataURL()");
}
