using System.Text;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Shared;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HapModular.EndToEnd;

/// <summary>
/// Issues 6 and 7 in a real browser, signed in for real as demo physician Dr Dupont (demo link to Marie Dubois, who
/// holds every clinical corpus file): window/level by mouse drag and a preset on a CT, frame scrolling in an XA cine,
/// and the before/after comparison of two photos.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class ViewerJourneyTests(ViewerJourneyTests.Portal portal) : IClassFixture<ViewerJourneyTests.Portal>
{
    /// <summary>
    /// The portal as <c>build/run.sh</c> serves it: the modules' static web assets (records.css, compare.css) are
    /// served, which the "Testing" environment alone does not do, so layout assertions and screenshots are faithful.
    /// </summary>
    public sealed class Portal : PortalFixture
    {
        /// <inheritdoc />
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseStaticWebAssets();
        }
    }

    /// <summary>Sums the canvas pixels on a sparse grid: any visible change of the image changes it.</summary>
    private const string CanvasChecksum = """
        () => {
          const c = document.querySelector('.hap-dicom canvas');
          if (!c || !c.width) return 0;
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let sum = 0;
          for (let i = 0; i < d.length; i += 4 * 7) sum += d[i] * 3 + d[i + 1] * 5 + d[i + 2] * 7;
          return sum;
        }
        """;

    [Fact]
    public async Task A_physician_adjusts_window_level_on_a_ct_and_scrolls_the_frames_of_a_cine()
    {
        var patientId = await DemoPatientAsync();
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignIn.SignInAsync(page, SignIn.Dupont);

        await OpenSeriesAsync(page, patientId, "CT");
        var initial = await WaitForImageAsync(page);
        var overlayBefore = await page.InnerTextAsync(".hap-dicom-overlay");
        await PortalFixture.ScreenshotAsync(page, "viewer-01-ct");

        // The file-identity panel (issue 11) sits above the image: the physician scrolls to it before dragging.
        await page.Locator(".hap-dicom canvas").ScrollIntoViewIfNeededAsync();
        var box = (await page.Locator(".hap-dicom canvas").BoundingBoxAsync())!;
        var (x, y) = (box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x + 120, y + 90, new MouseMoveOptions { Steps = 12 });
        await page.Mouse.UpAsync();
        var dragged = await WaitForChangeAsync(page, initial);
        Assert.NotEqual(overlayBefore, await page.InnerTextAsync(".hap-dicom-overlay"));
        await PortalFixture.ScreenshotAsync(page, "viewer-02-ct-window-dragged");

        var presets = page.Locator(".hap-dicom-toolbar select option");
        Assert.True(await presets.CountAsync() > 1, "a CT offers window presets");
        await page.SelectOptionAsync(".hap-dicom-toolbar select", new SelectOptionValue { Index = 1 });
        await WaitForChangeAsync(page, dragged);
        await PortalFixture.ScreenshotAsync(page, "viewer-03-ct-preset");

        await OpenSeriesAsync(page, patientId, "XA");
        var first = await WaitForImageAsync(page);
        Assert.Contains("1/96", await page.InnerTextAsync(".hap-dicom-overlay"), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(page, "viewer-04-cine-first-frame");

        await page.Locator(".hap-dicom canvas").ClickAsync();
        for (var i = 0; i < 5; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await page.WaitForFunctionAsync("() => document.querySelector('.hap-dicom-overlay').textContent.includes('6/96')");
        await page.FillAsync(".hap-dicom-toolbar input[type=range]", "60");
        await page.WaitForFunctionAsync("() => document.querySelector('.hap-dicom-overlay').textContent.includes('60/96')");
        await WaitForChangeAsync(page, first);
        await PortalFixture.ScreenshotAsync(page, "viewer-05-cine-frame-60");
    }

    [Fact]
    public async Task A_physician_compares_two_photos_before_and_after_side_by_side_and_with_the_slider()
    {
        var patientId = await DemoPatientAsync();
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignIn.SignInAsync(page, SignIn.Dupont);

        await page.GotoAsync($"/patients/{patientId}");
        await SignIn.SubmitAsync(page, "#compare-photos");
        Assert.EndsWith($"/patients/{patientId}/photos/compare", page.Url, StringComparison.Ordinal);
        Assert.True(await page.Locator("#compare-form tbody tr").CountAsync() >= 2);
        Assert.Equal(0, await page.Locator(".hap-photo-compare").CountAsync());
        Assert.True((await page.Locator("#compare-form .sr-only").First.BoundingBoxAsync())!.Width <= 1, "the radio labels are for screen readers only");
        await PortalFixture.ScreenshotAsync(page, "compare-01-choose");

        await page.CheckAsync("#compare-form tr:has-text('jpeg_baseline_hopper') input[name=before]");
        await page.CheckAsync("#compare-form tr:has-text('exif_orientation_6') input[name=after]");
        await SignIn.SubmitAsync(page, "#compare-form button[type=submit]");
        Assert.Contains("jpeg_baseline_hopper", await page.InnerTextAsync(".compare-legend"), StringComparison.Ordinal);
        await page.WaitForFunctionAsync("() => { const i = [...document.querySelectorAll('.hap-compare-image')]; return i.length === 2 && i.every(x => x.complete && x.naturalWidth > 0); }");
        // exif_orientation_6 is stored landscape with "rotate 90°": the image target serves it upright (portrait).
        Assert.True(await page.EvaluateAsync<bool>("() => { const i = document.querySelectorAll('.hap-compare-image')[1]; return i.naturalHeight > i.naturalWidth; }"));
        var side = await ImageBoxesAsync(page);
        Assert.Equal(side[0].Width, side[1].Width, 1);
        Assert.Equal(side[0].Height, side[1].Height, 1);
        Assert.Equal(side[0].Y, side[1].Y, 1);
        Assert.True(side[1].X >= side[0].X + side[0].Width, "side by side: after is to the right of before");
        await PortalFixture.ScreenshotAsync(page, "compare-02-side-by-side");

        await page.ClickAsync(".hap-photo-compare button:has-text('Curseur')");
        var range = page.Locator(".hap-compare-range");
        Assert.True(await range.IsVisibleAsync());
        var slider = await ImageBoxesAsync(page);
        Assert.Equal(slider[0].X, slider[1].X, 1);
        Assert.Equal(slider[0].Width, slider[1].Width, 1);
        Assert.Equal(slider[0].Height, slider[1].Height, 1);
        await PortalFixture.ScreenshotAsync(page, "compare-03-slider-middle");

        await range.FillAsync("20");
        var clip = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.hap-compare-after')).clipPath");
        Assert.Contains("20%", clip, StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(page, "compare-04-slider-20");
    }

    [Fact]
    public async Task Choosing_the_same_photo_twice_is_refused_next_to_the_after_choice()
    {
        var patientId = await DemoPatientAsync();
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignIn.SignInAsync(page, SignIn.Dupont);

        await page.GotoAsync($"/patients/{patientId}/photos/compare");
        await page.CheckAsync("#compare-form tr:has-text('jpeg_baseline_hopper') input[name=before]");
        await page.CheckAsync("#compare-form tr:has-text('jpeg_baseline_hopper') input[name=after]");
        await SignIn.SubmitAsync(page, "#compare-form button[type=submit]");
        Assert.Contains("autre photo", await page.InnerTextAsync("#after-error"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator(".hap-photo-compare").CountAsync());
    }

    [Fact]
    public async Task A_ct_document_shows_the_series_of_its_study_and_links_to_each()
    {
        var patientId = await DemoPatientAsync();
        await ImportSecondSeriesAsync(patientId);
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignIn.SignInAsync(page, SignIn.Dupont);

        // The imported copy keeps its DICOM study date (2004); every demo document is dated 2019 or later.
        await page.GotoAsync($"/patients/{patientId}?kind=imaging&to=2018-12-31");
        await OpenDocumentOfSeriesAsync(page, ".series-link[data-modality=CT] >> nth=0");
        var strip = page.Locator("#study-series li");
        Assert.Equal(2, await strip.CountAsync());
        var current = page.Locator("#study-series a[aria-current=page]");
        Assert.Equal(1, await current.CountAsync());
        var shown = page.Url;
        Assert.EndsWith(await current.GetAttributeAsync("href") ?? "?", shown, StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("#study-series img.thumb").CountAsync());
        var (one, two) = ((await strip.Nth(0).BoundingBoxAsync())!, (await strip.Nth(1).BoundingBoxAsync())!);
        Assert.Equal(one.Y, two.Y, 1);
        await PortalFixture.ScreenshotAsync(page, "viewer-06-study-series");

        await SignIn.SubmitAsync(page, "#study-series a:not([aria-current])");
        Assert.NotEqual(shown, page.Url);
        await page.WaitForSelectorAsync(".hap-dicom canvas");
        Assert.Equal(2, await strip.CountAsync());
        Assert.EndsWith(await current.GetAttributeAsync("href") ?? "?", page.Url, StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(page, "viewer-07-other-series");
    }

    /// <summary>
    /// The corpus has no study with two series: a copy of a demo CT with another series and instance UID (same
    /// length, so no DICOM length changes) joins the demo CT's study as a second series, through the import command.
    /// </summary>
    private async Task ImportSecondSeriesAsync(Guid patientId)
    {
        var bytes = await File.ReadAllBytesAsync(Testing.Corpus.File("dicom/ct_implicit_le_16bit_signed_rescale.dcm"));
        Replace(bytes, "1.3.6.1.4.1.5962.1.3.1.1.20040826185059.5457", "1.3.6.1.4.1.5962.1.3.1.9.20040826185059.5457");
        Replace(bytes, "1.3.6.1.4.1.5962.1.1.1.1.1.20040826185059.5457", "1.3.6.1.4.1.5962.1.1.1.1.9.20040826185059.5457");
        var folder = Directory.CreateTempSubdirectory("hap-series-");
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "ct_second_series.dcm"), bytes);
            var import = portal.Services.GetServices<IHostCommand>().Single(c => c.Name == "import");
            Assert.Equal(0, await import.RunAsync([folder.FullName, "--patient", patientId.ToString(), "--source", "e2e-series", "--department", "Radiologie"], portal.Services, default));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void Replace(byte[] bytes, string from, string to)
    {
        var (a, b) = (Encoding.ASCII.GetBytes(from), Encoding.ASCII.GetBytes(to));
        var found = 0;
        for (var i = bytes.AsSpan().IndexOf(a); i >= 0; i = bytes.AsSpan(i + 1).IndexOf(a) is var next and >= 0 ? i + 1 + next : -1)
        {
            b.CopyTo(bytes, i);
            found++;
        }

        Assert.True(found > 0, from);
    }

    private async Task<Guid> DemoPatientAsync()
    {
        await SignIn.SeedDemoAsync(portal);
        await using var scope = portal.Services.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SearchPatients("Dubois Marie"));
        return found.Single().PatientId;
    }

    /// <summary>Opens the first series of a modality from the imaging timeline, following "older" pages.</summary>
    private static async Task OpenSeriesAsync(IPage page, Guid patientId, string modality)
    {
        await page.GotoAsync($"/patients/{patientId}?kind=imaging");
        var link = page.Locator($".series-link[data-modality={modality}]");
        while (await link.CountAsync() == 0)
        {
            await SignIn.SubmitAsync(page, ".paging a[rel=next]");
        }

        await OpenDocumentOfSeriesAsync(page, $".series-link[data-modality={modality}] >> nth=0");
        await page.WaitForSelectorAsync(".hap-dicom canvas");
    }

    /// <summary>
    /// A series link opens the whole study in the imaging workspace (issue 16); these journeys test the document page's
    /// own viewer, so they open the document the series' thumbnail stands for.
    /// </summary>
    private static async Task OpenDocumentOfSeriesAsync(IPage page, string seriesLink)
    {
        var thumbnail = await page.Locator(seriesLink).Locator("img.thumb").GetAttributeAsync("src") ?? throw new InvalidOperationException("no thumbnail");
        await page.GotoAsync(thumbnail[..thumbnail.LastIndexOf("/thumbnail", StringComparison.Ordinal)]);
    }

    private static async Task<double> WaitForImageAsync(IPage page)
    {
        await page.WaitForFunctionAsync($"() => ({CanvasChecksum})() > 0");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return await page.EvaluateAsync<double>(CanvasChecksum);
    }

    private static async Task<double> WaitForChangeAsync(IPage page, double previous)
    {
        await page.WaitForFunctionAsync($"(previous) => ({CanvasChecksum})() !== previous", previous);
        return await page.EvaluateAsync<double>(CanvasChecksum);
    }

    private static async Task<LocatorBoundingBoxResult[]> ImageBoxesAsync(IPage page)
    {
        var images = page.Locator(".hap-compare-image");
        return [(await images.Nth(0).BoundingBoxAsync())!, (await images.Nth(1).BoundingBoxAsync())!];
    }
}
