using Microsoft.Playwright;

namespace HapModular.EndToEnd;

/// <summary>
/// Issue 11: a portrait photo (EXIF orientation 6, upright 1200×1800) must be drawn with its own proportions on the
/// document page whatever the window: a desktop screen lower than the photo and a phone held upright.
/// </summary>
public sealed partial class ViewerJourneyTests
{
    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task A_portrait_photo_keeps_its_aspect_ratio_on_the_document_page(int width, int height)
    {
        var patientId = await DemoPatientAsync();
        await using var context = await BrowserSession.NewContextAsync(portal.Browser, new BrowserNewContextOptions
        {
            BaseURL = portal.BaseUrl,
            Locale = "fr-BE",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        await SignIn.SignInAsync(page, SignIn.Dupont);

        await page.GotoAsync($"/patients/{patientId}/photos/compare");
        var id = await page.Locator("#compare-form tr:has-text('exif_orientation_6') input[name=before]").First.GetAttributeAsync("value");
        // The page's image is rendered on request (decode, turn upright, re-encode): on a busy machine it takes a while,
        // so wait for the image itself rather than the page's load event.
        var slow = new PageWaitForFunctionOptions { Timeout = 180_000 };
        await page.GotoAsync($"/patients/{patientId}/documents/{id}", new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 180_000 });
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('.hap-photo-image'); return i && i.complete && i.naturalWidth > 0; }", null, slow);
        // The stylesheet is added by the client module: wait until it applies.
        await page.WaitForFunctionAsync("() => getComputedStyle(document.querySelector('.hap-photo-image')).maxHeight !== 'none'", null, slow);

        var drawn = await page.EvaluateAsync<double[]>("""
            () => {
              const i = document.querySelector('.hap-photo-image');
              const r = i.getBoundingClientRect();
              return [r.width, r.height, i.naturalWidth, i.naturalHeight, document.documentElement.clientWidth, window.innerHeight];
            }
            """);
        await PortalFixture.ScreenshotAsync(page, $"photo-portrait-{width}x{height}");
        var (w, h, nw, nh, viewportWidth, viewportHeight) = (drawn[0], drawn[1], drawn[2], drawn[3], drawn[4], drawn[5]);
        Assert.True(nh > nw, $"served upright (portrait): {nw}×{nh}");
        Assert.True(w > 50 && h > 50, $"drawn {w}×{h}");
        Assert.True(Math.Abs((w / h) - (nw / nh)) < 0.01 * (nw / nh), $"drawn {w:F0}×{h:F0} is not {nw}×{nh} scaled ({width}×{height} window)");
        Assert.True(w <= viewportWidth && h <= viewportHeight, $"drawn {w:F0}×{h:F0} overflows the {viewportWidth}×{viewportHeight} window");
    }
}
