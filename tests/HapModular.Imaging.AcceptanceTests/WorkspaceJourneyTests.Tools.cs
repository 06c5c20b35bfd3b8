using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HapModular.Imaging.AcceptanceTests;

/// <summary>
/// The workspace's tools as a physician uses them, asserted on what he sees: the overlay's window after a preset,
/// the picture turned, mirrored and inverted, an angle and an ellipse's mean in HU, four viewports, the shortcuts
/// dialog and keys, a finger changing the window on a tablet, images prefetched before he scrolls.
/// </summary>
public sealed partial class WorkspaceJourneyTests
{
    [Fact]
    public async Task A_ct_preset_sets_the_window_the_overlay_shows()
    {
        var page = await OpenCtAsync();
        Assert.Contains("W 400 / L 40", await OverlayAsync(page), StringComparison.Ordinal);
        // Closed, the list names itself (an empty box told the reader nothing).
        Assert.Equal(
            await page.Locator("#presets").GetAttributeAsync("aria-label"),
            await page.EvalOnSelectorAsync<string>("#presets", "s => s.options[s.selectedIndex]?.text ?? ''"));
        await page.Locator("#presets").FocusAsync();
        await page.SelectOptionAsync("#presets", "-600,1500");
        await page.WaitForFunctionAsync("() => document.querySelector('.viewport-overlay').textContent.includes('W 1500 / L -600')");
        await Testing.Browser.ScreenshotAsync(page, "imaging-06-lung-preset");
    }

    [Fact]
    public async Task Rotate_mirror_and_invert_change_the_picture_exactly_and_reset_brings_it_back()
    {
        var page = await OpenCtAsync();
        await page.EvaluateAsync("() => window.hapImaging.nativeSize(0)");
        // A lung window shows the synthetic slice's left-to-right ramp around its disc: no transform leaves it unchanged.
        await page.EvaluateAsync("() => window.hapImaging.api.preset(-600, 1500)");
        using var original = await CanvasAsync(page);
        Assert.True(Misplaced(original, original, (x, y, w, h) => (w - 1 - x, y), false) > 1000, "the picture is symmetric: the test would prove nothing");

        await page.Keyboard.PressAsync("r");
        using (var turned = await CanvasAsync(page))
        {
            // A quarter turn, whichever way the engine counts.
            var clockwise = Misplaced(original, turned, (x, y, w, h) => (h - 1 - y, x), false);
            var counter = Misplaced(original, turned, (x, y, w, h) => (y, w - 1 - x), false);
            Assert.True(Math.Min(clockwise, counter) == 0, $"rotated: {clockwise} pixels off a clockwise quarter turn, {counter} off a counter-clockwise one");
        }

        await page.Keyboard.PressAsync("Escape");
        await page.EvaluateAsync("() => window.hapImaging.api.preset(-600, 1500)");
        await page.Keyboard.PressAsync("h");
        using (var mirrored = await CanvasAsync(page))
        {
            AssertSame(original, mirrored, (x, y, w, h) => (w - 1 - x, y), "mirrored left-right");
        }

        await page.Keyboard.PressAsync("Escape");
        await page.EvaluateAsync("() => window.hapImaging.api.preset(-600, 1500)");
        await page.Keyboard.PressAsync("i");
        using (var inverted = await CanvasAsync(page))
        {
            AssertSame(original, inverted, (x, y, w, h) => (x, y), "inverted", invert: true);
        }

        // Reset: the file's window again, not inverted, not turned.
        await page.Keyboard.PressAsync("Escape");
        await page.WaitForFunctionAsync("() => document.querySelector('.viewport-overlay').textContent.includes('W 400 / L 40')");
        await page.EvaluateAsync("() => window.hapImaging.api.preset(-600, 1500)");
        using var reset = await CanvasAsync(page);
        AssertSame(original, reset, (x, y, w, h) => (x, y), "reset");
    }

    [Fact]
    public async Task An_angle_and_an_ellipse_read_in_degrees_and_in_hounsfield_units()
    {
        var page = await OpenCtAsync();
        // A right angle: (30,64) → (64,64) → (64,30) in image pixels.
        await page.Keyboard.PressAsync("a");
        var p = await PointsAsync(page, (30, 64), (64, 64), (64, 30));
        await page.Mouse.ClickAsync(p[0].X, p[0].Y);
        await page.Mouse.ClickAsync(p[1].X, p[1].Y);
        await page.Mouse.ClickAsync(p[2].X, p[2].Y);
        var angle = await NumberAsync(page, @"(\d+(\.\d+)?)\s*°");
        Assert.InRange(angle, 89, 91);

        // An ellipse inside the slice's disc, whose values are 40 + (instance number mod 50) HU, uniform.
        await page.Keyboard.PressAsync("e");
        var instance = int.Parse(await page.GetAttributeAsync(".viewport-overlay", "data-index") ?? "1", CultureInfo.InvariantCulture);
        var e = await PointsAsync(page, (56, 56), (72, 72));
        await page.Mouse.MoveAsync(e[0].X, e[0].Y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(e[1].X, e[1].Y, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
        var mean = await NumberAsync(page, @"Mean:\s*(-?\d+(\.\d+)?)\s*HU");
        Assert.Equal(40 + (instance % 50), mean, 0.5);
        await Testing.Browser.ScreenshotAsync(page, "imaging-07-angle-ellipse");
    }

    [Fact]
    public async Task Four_viewports_with_2x2_and_the_shortcuts_listed_by_the_question_mark_work_from_the_keyboard()
    {
        var page = await OpenCtAsync();
        await page.Keyboard.PressAsync("4");
        Assert.Equal(4, await page.Locator(".viewport-cell:not([hidden])").CountAsync());
        var boxes = await page.Locator(".viewport-cell:not([hidden])").EvaluateAllAsync<double[][]>("cells => cells.map(c => { const r = c.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })");
        Assert.Equal(2, boxes.Select(b => Math.Round(b[0])).Distinct().Count());
        Assert.Equal(2, boxes.Select(b => Math.Round(b[1])).Distinct().Count());
        Assert.Equal("true", await page.GetAttributeAsync("#toolbar [data-layout='2x2']", "aria-pressed"));
        await Testing.Browser.ScreenshotAsync(page, "imaging-08-2x2");
        await page.Keyboard.PressAsync("1");
        Assert.Equal(1, await page.Locator(".viewport-cell:not([hidden])").CountAsync());

        await page.Locator(".viewport-cell:not([hidden]) .viewport-element").First.ClickAsync(new LocatorClickOptions { Button = MouseButton.Middle });
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.WaitForFunctionAsync("() => document.querySelector('.viewport-overlay').dataset.index === '3'");
        await page.Keyboard.PressAsync("End");
        await page.WaitForFunctionAsync("() => document.querySelector('.viewport-overlay').dataset.index === '120'");
        await page.Keyboard.PressAsync("Home");
        await page.WaitForFunctionAsync("() => document.querySelector('.viewport-overlay').dataset.index === '1'");

        await page.Keyboard.PressAsync("?");
        var dialog = page.Locator("dialog#shortcuts");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        var keys = await dialog.Locator("dt").AllTextContentsAsync();
        Assert.Contains("?", keys);
        Assert.Contains(keys, k => k.Contains("1 2 4", StringComparison.Ordinal));
        Assert.Contains("Pivoter de 90°", await dialog.InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_tablet_one_finger_changes_the_window()
    {
        var context = await Testing.Browser.NewContextAsync(portal.Browser, new BrowserNewContextOptions { BaseURL = portal.Host.BaseUrl, Locale = "fr-BE", ViewportSize = new ViewportSize { Width = 1024, Height = 768 }, HasTouch = true, IsMobile = true, StorageState = portal.SignedIn });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/patients/{portal.Host.Marie}/imaging?study={portal.Ct.StudyUid}&series={portal.Ct.SeriesUid}");
        await ReadyAsync(page);
        var before = await OverlayAsync(page);
        var box = (await page.Locator(".viewport-cell:not([hidden]) .viewport-element").First.BoundingBoxAsync())!;
        var (x, y) = (box.X + (box.Width / 2), box.Y + (box.Height / 2));
        var cdp = await context.NewCDPSessionAsync(page);
        async Task TouchAsync(string type, double dx, double dy) => await cdp.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object>
        {
            ["type"] = type,
            ["touchPoints"] = type == "touchEnd" ? Array.Empty<object>() : new object[] { new Dictionary<string, object> { ["x"] = x + dx, ["y"] = y + dy } },
        });
        await TouchAsync("touchStart", 0, 0);
        for (var i = 1; i <= 10; i++)
        {
            await TouchAsync("touchMove", i * 8, i * 5);
        }

        await TouchAsync("touchEnd", 80, 50);
        await page.WaitForFunctionAsync("(before) => document.querySelector('.viewport-overlay').textContent.split('\\n').find(l => l.startsWith('W ')) !== before.split('\\n').find(l => l.startsWith('W '))", before);
        await Testing.Browser.ScreenshotAsync(page, "imaging-09-touch-window");
    }

    [Fact]
    public async Task Images_after_the_current_one_are_prefetched_before_the_physician_scrolls()
    {
        var page = await OpenCtAsync();
        // Nobody touches the stack: the loader alone brings the following images into the browser.
        await page.WaitForFunctionAsync("() => window.hapImaging.state.viewports[0].series.imageIds.slice(1, 21).every((id) => window.hapImaging.cache.getImageLoadObject(id))");
        Assert.Equal("1", await page.GetAttributeAsync(".viewport-overlay", "data-index"));
    }

    [Fact]
    public async Task The_page_itself_shows_the_first_image_until_the_viewport_draws_it()
    {
        var page = await SignedInAsync();
        var html = await (await page.Context.APIRequest.GetAsync($"/patients/{portal.Host.Marie}/imaging?study={portal.Ct.StudyUid}&series={portal.Ct.SeriesUid}")).TextAsync();
        // The lowest instance number of the series, rendered by the portal: what the viewport shows first — inside the
        // page (painted in its first frame), byte for byte the rendered resource the page used to ask for by URL.
        var first = portal.Ct.Files.Keys.First(); // ingested in instance-number order, nothing ever removed
        var inline = Regex.Match(html, "<img class=\"viewport-preview\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
        Assert.True(inline.Success, "the first image is not inside the page");
        var rendered = await (await page.Context.APIRequest.GetAsync($"/patients/{portal.Host.Marie}/dicomweb/studies/{portal.Ct.StudyUid}/series/{portal.Ct.SeriesUid}/instances/{first}/rendered?viewport=1024,1024&accept=image/png")).BodyAsync();
        Assert.Equal(rendered, Convert.FromBase64String(inline.Groups[1].Value));
        await page.GotoAsync($"/patients/{portal.Host.Marie}/imaging?study={portal.Ct.StudyUid}&series={portal.Ct.SeriesUid}");
        await ReadyAsync(page);
        await page.WaitForFunctionAsync("() => window.hapImaging.firstRenderedAt > 0");
        Assert.Equal(0, await page.Locator(".viewport-preview").CountAsync());
    }

    private async Task<IPage> OpenCtAsync()
    {
        var page = await SignedInAsync();
        await page.GotoAsync($"/patients/{portal.Host.Marie}/imaging?study={portal.Ct.StudyUid}&series={portal.Ct.SeriesUid}");
        await ReadyAsync(page);
        return page;
    }

    private static async Task<string> OverlayAsync(IPage page) => await page.Locator(".viewport-overlay").First.TextContentAsync() ?? string.Empty;

    private static async Task<(float X, float Y)[]> PointsAsync(IPage page, params (int X, int Y)[] image)
    {
        var points = new List<(float, float)>();
        foreach (var (x, y) in image)
        {
            var p = await page.EvaluateAsync<double[]>("([x, y]) => window.hapImaging.imageToPage(0, x, y)", new[] { x, y });
            points.Add(((float)p[0], (float)p[1]));
        }

        return [.. points];
    }

    private static async Task<double> NumberAsync(IPage page, string pattern)
    {
        var regex = new Regex(pattern);
        await page.EvaluateAsync("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r))))");
        await page.WaitForFunctionAsync("(p) => [...document.querySelectorAll('.viewport-cell:not([hidden]) svg text')].some(t => new RegExp(p).test(t.textContent))", pattern);
        var texts = await page.Locator(".viewport-cell:not([hidden]) svg text").AllTextContentsAsync();
        return double.Parse(texts.Select(t => regex.Match(t)).First(m => m.Success).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task<Image<L8>> CanvasAsync(IPage page)
    {
        await page.EvaluateAsync("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
        var dataUrl = await page.EvaluateAsync<string>("() => window.hapImaging.canvas(0)");
        return Image.Load<L8>(Convert.FromBase64String(dataUrl[(dataUrl.IndexOf(',', StringComparison.Ordinal) + 1)..]));
    }

    /// <summary>Every pixel of <paramref name="after"/> at the mapped position equals the original's (±1; inverted: 255 − v).</summary>
    private static void AssertSame(Image<L8> original, Image<L8> after, Func<int, int, int, int, (int X, int Y)> map, string what, bool invert = false)
    {
        var off = Misplaced(original, after, map, invert);
        if (off > 0)
        {
            original.SaveAsPng(Path.Combine(Testing.Browser.ScreenshotDirectory, "imaging-tools-original.png"));
            after.SaveAsPng(Path.Combine(Testing.Browser.ScreenshotDirectory, $"imaging-tools-{what.Replace(' ', '-')}.png"));
        }

        Assert.True(off == 0, $"{what}: {off} pixels are not where they should be (see imaging-tools-*.png)");
    }

    private static int Misplaced(Image<L8> original, Image<L8> after, Func<int, int, int, int, (int X, int Y)> map, bool invert)
    {
        Assert.Equal((original.Width, original.Height), (after.Width, after.Height));
        var off = 0;
        for (var y = 0; y < original.Height; y++)
        {
            for (var x = 0; x < original.Width; x++)
            {
                var (tx, ty) = map(x, y, original.Width, original.Height);
                var expected = invert ? 255 - original[x, y].PackedValue : original[x, y].PackedValue;
                off += Math.Abs(after[tx, ty].PackedValue - expected) > 1 ? 1 : 0;
            }
        }

        return off;
    }
}
