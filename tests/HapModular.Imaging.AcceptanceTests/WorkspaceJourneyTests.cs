using System.Globalization;
using Microsoft.Playwright;

using HapModular.Imaging.Testing;

namespace HapModular.Imaging.AcceptanceTests;

/// <summary>
/// Issue 16's browser journeys in Debian's Chromium, signed in for real as Dr Dupont: a 120-slice CT series opened from
/// the timeline and scrolled to its end with the mouse wheel, a length measured in millimetres on a CT of known pixel
/// spacing, a current and a prior study side by side scrolling together, an ultrasound loop played in cine.
/// Screenshots in artifacts/screenshots.
/// </summary>
public sealed partial class WorkspaceJourneyTests(WorkspaceJourneyTests.Portal portal) : IClassFixture<WorkspaceJourneyTests.Portal>
{
    /// <summary>The portal, the studies the journeys need, and one browser.</summary>
    public sealed class Portal : IAsyncLifetime
    {
        public ImagingPortal Host { get; } = new();

        public IBrowser Browser { get; private set; } = null!;

        public StudyFiles Ct { get; private set; } = null!;

        public StudyFiles Prior { get; private set; } = null!;

        public StudyFiles Ultrasound { get; private set; } = null!;

        /// <summary>The corpus files of the pixel-match test, by corpus path.</summary>
        public Dictionary<string, StudyFiles> Pixels { get; } = new(StringComparer.Ordinal);

        private IPlaywright? playwright;

        public async Task InitializeAsync()
        {
            await Host.InitializeAsync();
            const string frame = "1.2.826.0.1.3680043.10.1000.77";
            Ct = await Host.IngestStudyAsync(Host.Marie, 120, "CT", "20260930", size: 128, spacing: 0.5, frameOfReference: frame, description: "Thorax 120");
            Prior = await Host.IngestStudyAsync(Host.Marie, 120, "CT", "20250310", size: 128, spacing: 0.5, frameOfReference: frame, description: "Thorax antérieur");
            Ultrasound = await Host.IngestCorpusAsync(Host.Marie, "dicom/us_cine_jpeg_baseline_ybr422_30frames.dcm");
            foreach (var file in PixelMatchFiles)
            {
                Pixels[file] = await Host.IngestCorpusAsync(Host.Marie, file);
            }

            (playwright, Browser) = await Testing.Browser.LaunchAsync();

            // Signed in once for real (password + TOTP; a code is accepted only once), the session reused by every journey.
            await using var context = await Testing.Browser.NewContextAsync(Browser, new BrowserNewContextOptions { BaseURL = Host.BaseUrl, Locale = "fr-BE" });
            var page = await context.NewPageAsync();
            await Testing.Browser.SignInDupontAsync(page);
            SignedIn = await context.StorageStateAsync();
        }

        public string SignedIn { get; private set; } = string.Empty;

        public async Task DisposeAsync()
        {
            await Browser.CloseAsync();
            playwright?.Dispose();
            await ((IAsyncLifetime)Host).DisposeAsync();
        }
    }

    [Fact]
    public async Task A_120_image_series_opens_from_the_timeline_and_scrolls_to_its_end_with_the_wheel()
    {
        var page = await SignedInAsync();
        await page.GotoAsync($"/patients/{portal.Host.Marie}?kind=imaging");
        await page.Locator(".series-link[data-modality=CT]").First.ClickAsync();
        await ReadyAsync(page);
        Assert.Contains("/imaging?study=", page.Url, StringComparison.Ordinal);
        Assert.Equal("120", await page.GetAttributeAsync(".viewport-cell:not([hidden]) .viewport-overlay", "data-count"));
        await Testing.Browser.ScreenshotAsync(page, "imaging-01-ct-first");

        var element = page.Locator(".viewport-cell:not([hidden]) .viewport-element").First;
        var box = (await element.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        // One notch per image; the stack scroll tool waits for an image before it moves on, so keep turning until the end.
        var seen = new HashSet<string>();
        for (var i = 0; i < 1000 && !seen.Contains("120"); i++)
        {
            await page.Mouse.WheelAsync(0, 120);
            seen.Add(await page.GetAttributeAsync(".viewport-overlay", "data-index") ?? string.Empty);
        }

        Assert.Contains("120", seen);
        Assert.True(seen.Count >= 60, $"the wheel went through {seen.Count} distinct images");
        // Every one of the 120 images went through the browser's loader (cache), none was skipped.
        var loaded = await page.EvaluateAsync<int>("() => window.hapImaging.state.viewports[0].series.imageIds.filter(id => window.hapImaging.cache.getImageLoadObject(id)).length");
        Assert.Equal(120, loaded);
        await Testing.Browser.ScreenshotAsync(page, "imaging-02-ct-last");
    }

    [Fact]
    public async Task A_length_on_a_ct_of_known_pixel_spacing_reads_in_millimetres()
    {
        var page = await SignedInAsync();
        await page.GotoAsync($"/patients/{portal.Host.Marie}/imaging?study={portal.Ct.StudyUid}&series={portal.Ct.SeriesUid}");
        await ReadyAsync(page);
        await page.Keyboard.PressAsync("l");
        // 60 image pixels along a row at 0.5 mm per pixel: 30 mm.
        var from = await page.EvaluateAsync<double[]>("() => window.hapImaging.imageToPage(0, 30, 64)");
        var to = await page.EvaluateAsync<double[]>("() => window.hapImaging.imageToPage(0, 90, 64)");
        await page.Mouse.MoveAsync((float)from[0], (float)from[1]);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)to[0], (float)to[1], new MouseMoveOptions { Steps = 10 });
        await page.Mouse.UpAsync();
        // The tool follows the drag's events as the page gets to them (a loaded machine delivers the last moves late,
        // seen as "24.0 mm" read too early): read the text once it has stayed the same for 10 animation frames.
        var text = await page.EvaluateAsync<string>("""
            () => new Promise((resolve) => {
              let last = null, same = 0;
              const tick = () => {
                const now = document.querySelector('.viewport-cell:not([hidden]) svg text')?.textContent ?? '';
                same = now === last ? same + 1 : 0;
                last = now;
                if (same >= 10) resolve(now); else requestAnimationFrame(tick);
              };
              requestAnimationFrame(tick);
            })
            """);
        var value = double.Parse(System.Text.RegularExpressions.Regex.Match(text ?? string.Empty, @"(\d+(\.\d+)?)\s*mm").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(value is >= 29.5 and <= 30.5, $"the length reads \"{text}\" (from {from[0]:0.0},{from[1]:0.0} to {to[0]:0.0},{to[1]:0.0} on the page)");
        await Testing.Browser.ScreenshotAsync(page, "imaging-03-length");
    }

    [Fact]
    public async Task A_current_and_a_prior_study_side_by_side_scroll_together()
    {
        var page = await SignedInAsync();
        await page.GotoAsync($"/patients/{portal.Host.Marie}/imaging?study={portal.Ct.StudyUid}&series={portal.Ct.SeriesUid}");
        await ReadyAsync(page);
        await page.Keyboard.PressAsync("2");
        await page.DragAndDropAsync($"#study-list [data-study='{portal.Prior.StudyUid}']", ".viewport-cell[data-viewport='1']");
        await page.WaitForFunctionAsync("() => document.querySelector(\".viewport-cell[data-viewport='1'] .viewport-overlay\").dataset.count === '120'");
        await page.Locator(".viewport-cell[data-viewport='0'] .viewport-element").First.HoverAsync();
        const string Index = "(n) => document.querySelector(`.viewport-cell[data-viewport='${n}'] .viewport-overlay`).dataset.index";
        for (var i = 0; i < 200 && int.Parse(await page.EvaluateAsync<string>(Index, 0), CultureInfo.InvariantCulture) < 21; i++)
        {
            await page.Mouse.WheelAsync(0, 120);
        }

        var current = await page.EvaluateAsync<string>(Index, 0);
        Assert.NotEqual("1", current);
        // Same frame of reference, same slice positions: the prior follows to the same slice.
        await page.WaitForFunctionAsync($"() => ({Index})(1) === ({Index})(0)");
        await Testing.Browser.ScreenshotAsync(page, "imaging-04-current-and-prior");
    }

    [Fact]
    public async Task An_ultrasound_loop_plays_in_cine()
    {
        var page = await SignedInAsync();
        await page.GotoAsync($"/patients/{portal.Host.Marie}/imaging?study={portal.Ultrasound.StudyUid}");
        await ReadyAsync(page);
        Assert.Equal("30", await page.GetAttributeAsync(".viewport-overlay", "data-count"));
        // The study list counts images as the timeline and the series panel do (the loop is one), and says its 30 frames.
        Assert.Equal("1 série(s), 1 image(s), 30 trames", await page.TextContentAsync($"#study-list [data-study='{portal.Ultrasound.StudyUid}'] .count"));
        Assert.Equal("1 image(s)", await page.TextContentAsync($"#series-list [data-series='{portal.Ultrasound.SeriesUid}'] .count"));
        // The page itself notes every frame the overlay shows (a mutation observer), until five different ones went by.
        await page.EvaluateAsync("""
            () => {
                const overlay = document.querySelector('.viewport-overlay');
                window.hapSeen = new Set([overlay.dataset.index]);
                new MutationObserver(() => window.hapSeen.add(overlay.dataset.index)).observe(overlay, { attributes: true, attributeFilter: ['data-index'] });
            }
            """);
        await page.Keyboard.PressAsync("c");
        await page.WaitForFunctionAsync("() => window.hapSeen.size >= 5");
        Assert.Equal("playing", await page.GetAttributeAsync("#imaging-workspace", "data-cine"));
        await Testing.Browser.ScreenshotAsync(page, "imaging-05-us-cine");
        await page.Keyboard.PressAsync("c");
        Assert.Equal("stopped", await page.GetAttributeAsync("#imaging-workspace", "data-cine"));
    }

    [Fact]
    public async Task The_open_study_is_highlighted_in_view_even_below_the_side_panels_fold()
    {
        var page = await SignedInAsync();
        await page.GotoAsync($"/patients/{portal.Host.Marie}/imaging?study={portal.Ct.StudyUid}&series={portal.Ct.SeriesUid}");
        await ReadyAsync(page);
        // The patient's oldest study: the last of the list (newest first), below the panel's fold while the CT is open.
        var oldest = await page.GetAttributeAsync("#study-list li:last-child [data-study]", "data-study");
        var (side, last) = (await page.Locator(".side").BoundingBoxAsync(), await page.Locator("#study-list li:last-child [data-study]").BoundingBoxAsync());
        Assert.True(last!.Y > side!.Y + side.Height, $"the oldest study at {last.Y} is already in view ({side.Y}–{side.Y + side.Height}): nothing to show");

        await page.GotoAsync($"/patients/{portal.Host.Marie}/imaging?study={oldest}");
        await ReadyAsync(page);
        var selector = $"#study-list [data-study='{oldest}']";
        Assert.Equal("true", await page.GetAttributeAsync(selector, "aria-current"));
        var (panel, button) = (await page.Locator(".side").BoundingBoxAsync(), await page.Locator(selector).BoundingBoxAsync());
        Assert.True(button!.Y >= panel!.Y && button.Y + button.Height <= panel.Y + panel.Height, $"the open study at {button.Y}–{button.Y + button.Height}, the panel shows {panel.Y}–{panel.Y + panel.Height}");
        // And its series still in sight above the study list.
        var series = await page.Locator("#series-list [aria-current='true']").BoundingBoxAsync();
        Assert.True(series!.Y >= panel.Y && series.Y + series.Height <= panel.Y + panel.Height, $"the open series at {series.Y}–{series.Y + series.Height}, the panel shows {panel.Y}–{panel.Y + panel.Height}");
        await Testing.Browser.ScreenshotAsync(page, "imaging-10-oldest-study-in-view");
    }

    private async Task<IPage> SignedInAsync()
    {
        var context = await Testing.Browser.NewContextAsync(portal.Browser, new BrowserNewContextOptions { BaseURL = portal.Host.BaseUrl, Locale = "fr-BE", ViewportSize = new ViewportSize { Width = 1366, Height = 900 }, StorageState = portal.SignedIn });
        var page = await context.NewPageAsync();
        // What the browser said, for the failure message (script errors, refused requests).
        var said = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, m) => said.Enqueue($"console.{m.Type}: {m.Text}");
        page.PageError += (_, e) => said.Enqueue("page error: " + e);
        page.RequestFailed += (_, r) => said.Enqueue($"request failed: {r.Url} {r.Failure}");
        page.Response += (_, r) => { if (r.Status >= 400) { said.Enqueue($"HTTP {r.Status}: {r.Url}"); } };
        Said.AddOrUpdate(page, said);
        return page;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, System.Collections.Concurrent.ConcurrentQueue<string>> Said = [];

    private static async Task ReadyAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("() => ['true', 'error'].includes(document.getElementById('imaging-workspace')?.dataset.ready)");
            Assert.Null(await page.GetAttributeAsync("#imaging-workspace", "data-error"));
            await page.WaitForFunctionAsync("() => Number(document.querySelector('.viewport-overlay')?.dataset.count) > 0");
        }
        catch (Exception e) when (e is TimeoutException or Xunit.Sdk.XunitException)
        {
            await Testing.Browser.ScreenshotAsync(page, "imaging-not-ready");
            throw new InvalidOperationException($"the workspace did not become ready at {page.Url}:\n" + string.Join("\n", Said.TryGetValue(page, out var q) ? q.Take(40) : []), e);
        }
    }
}
