using Microsoft.Playwright;

/// <summary>
/// The pair a hospital would otherwise pick (#16): the same viewer — this workspace's bundle, Cornerstone3D and its
/// WebAssembly codecs — pointed at Orthanc's DICOMweb plugin, measured as the portal's workspace is (first frame drawn,
/// every image in the browser's cache, scrolling). Orthanc serves it all on its own origin, as a hospital serving a
/// viewer beside its PACS would: the bundle folder and a page from its ServeFolders plugin (<see cref="Folders"/>),
/// every DICOMweb request (QIDO series, series metadata, each frame in its stored transfer syntax) from its DICOMweb
/// plugin. A browser context of its own: nothing cached from the portal's run. No boot.js: its early requests and the
/// series' bulk answer are the portal's own (Orthanc answers frames an instance at a time), so the viewer fetches frame
/// by frame, as OHIF does.
/// </summary>
internal static class OrthancViewer
{
    private const string PageRoot = "/hap-viewer-page";
    private const string AssetsRoot = "/hap-viewer";

    /// <summary>
    /// What Orthanc serves besides DICOM (URI root → folder): the workspace's bundle folder (the checkout's
    /// artifacts/imaging, as the portal finds it from a build output) and a folder holding the page for this study. Null
    /// without a bundle.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? Folders(string page, string study, string series)
    {
        var bundle = Path.Combine(HapModular.Testing.Corpus.RepoRoot, "artifacts", "imaging");
        if (!File.Exists(Path.Combine(bundle, "workspace.js")))
        {
            return null;
        }

        Directory.CreateDirectory(page);
        File.WriteAllText(Path.Combine(page, "index.html"), Html(study, series));
        return new Dictionary<string, string> { [PageRoot] = page, [AssetsRoot] = bundle };
    }

    public static async Task<Result> MeasureAsync(IBrowser browser, Uri orthanc)
    {
        var origin = orthanc.GetLeftPart(UriPartial.Authority);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = origin, ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync("performance.setResourceTimingBufferSize(5000);");
        await page.GotoAsync(PageRoot + "/index.html");
        await page.WaitForFunctionAsync(
            "() => window.hapImaging?.firstRenderedAt > 0 || document.getElementById('imaging-workspace').dataset.ready === 'error'",
            null,
            new PageWaitForFunctionOptions { Timeout = 120_000 });
        if (await page.EvaluateAsync<string?>("() => document.getElementById('imaging-workspace').dataset.error ?? null") is { } error)
        {
            throw new InvalidOperationException("the viewer on Orthanc's DICOMweb failed: " + error);
        }

        var first = await page.EvaluateAsync<double>("() => window.hapImaging.firstRenderedAt");
        var all = await page.EvaluateAsync<double>("() => window.hapImaging.loadAll()");
        var fps = await page.EvaluateAsync<double>("() => window.hapImaging.scrollBenchmark(3)");
        var frames = await page.EvaluateAsync<int>(@"() => performance.getEntriesByType('resource').filter((r) => /\/frames\/\d+$/.test(r.name)).length");
        var steps = await page.EvaluateAsync<string[]>("""
            () => [
              ...performance.getEntriesByType('resource').filter((r) => !/\/frames\/\d+$/.test(r.name)).slice(0, 8)
                .map((r) => `${r.name.replace(/^https?:\/\/[^/]+/, '').replace(/[0-9.]{20,}/g, '…').slice(0, 60).padEnd(60)} ${r.startTime.toFixed(0)} → ${r.responseEnd.toFixed(0)} ms`),
              ...performance.getEntriesByType('mark').filter((m) => m.name.startsWith('hap:')).map((m) => `mark ${m.name.padEnd(25)} ${m.startTime.toFixed(0)} ms`),
            ]
            """);
        return new Result(first, all, fps, frames, steps);
    }

    // The workspace page's skeleton (Pages/Patients/Imaging/Index.cshtml) without the portal's parts: no patient banner, no
    // inline first image, no boot.js; the workspace's own stylesheet and bundle.
    private static string Html(string study, string series) => $"""
        <!DOCTYPE html>
        <html lang="fr" data-theme="dark">
        <head><meta charset="utf-8" /><title>Cornerstone3D on Orthanc</title><link rel="stylesheet" href="{AssetsRoot}/workspace.css" /><link rel="icon" href="data:," /></head>
        <body class="imaging">
        <div id="imaging-workspace" data-dicomweb="/dicom-web" data-study="{study}" data-series="{series}" data-assets="{AssetsRoot}/">
          <header class="workspace-banner"></header>
          <nav class="side"><h2>Séries</h2><ul id="series-list"></ul><h2>Études</h2><ul id="study-list"></ul></nav>
          <div id="toolbar" class="toolbar" role="toolbar"></div>
          <main id="viewports" class="viewports layout-1x1"></main>
          <dialog id="shortcuts"><dl></dl></dialog>
        </div>
        <script type="module" src="{AssetsRoot}/workspace.js"></script>
        </body>
        </html>
        """;

    internal sealed record Result(double FirstDrawn, double AllImages, double Fps, int FrameRequests, string[] Steps);
}
