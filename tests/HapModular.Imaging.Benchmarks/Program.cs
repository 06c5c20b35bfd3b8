using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using HapModular.Imaging.Testing;
using Microsoft.Playwright;

// build/bench.sh imaging: one run on this machine, the portal beside Orthanc 1.10 serving the same 100 files.
var inv = CultureInfo.InvariantCulture;
var count = args.Contains("--quick") ? 20 : 100;
Console.WriteLine($"Imaging benchmark: {count} CT slices 512×512 (16-bit, Explicit VR LE), sequential requests on 127.0.0.1, {Environment.ProcessorCount} cores");
await using var portal = new ImagingPortal();
await portal.InitializeAsync();
var ct = await portal.IngestStudyAsync(portal.Marie, count, "CT", "20261001", size: 512, spacing: 0.7, description: "Bench CT");
var token = await portal.CreateDupontTokenAsync("bench");
using var http = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
await using var orthanc = await Orthanc.StartAsync(new Dictionary<string, (string, string)>());
foreach (var file in ct.Files.Values)
{
    using var content = new ByteArrayContent(file);
    (await orthanc.Http.PostAsync(new Uri("/instances", UriKind.Relative), content)).EnsureSuccessStatusCode();
}

var sops = ct.Files.Keys.ToList();
var orthancIds = System.Text.Json.JsonSerializer.Deserialize<List<string>>(await orthanc.Http.GetStringAsync(new Uri("/instances", UriKind.Relative)))!;
string Portal(string sop, string suffix) => $"/dicomweb/studies/{ct.StudyUid}/series/{ct.SeriesUid}/instances/{sop}{suffix}";
string OrthancWeb(string sop, string suffix) => $"/dicom-web/studies/{ct.StudyUid}/series/{ct.SeriesUid}/instances/{sop}{suffix}";

async Task<(double First, double PerSecond)> RateAsync(HttpClient client, IReadOnlyList<string> urls, string? accept = null)
{
    async Task<double> GetAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var watch = Stopwatch.StartNew();
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode || body.Length == 0)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode} for {url}");
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    var first = await GetAsync(urls[0]);
    var all = Stopwatch.StartNew();
    foreach (var url in urls)
    {
        await GetAsync(url);
    }

    return (first, urls.Count / all.Elapsed.TotalSeconds);
}

var frames = "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*";
var portalRendered = await RateAsync(http, [.. sops.Select(s => Portal(s, "/frames/1/rendered"))]);
var orthancPreview = await RateAsync(orthanc.Http, [.. orthancIds.Select(id => $"/instances/{id}/preview")]);
var orthancRendered = await RateAsync(orthanc.Http, [.. sops.Select(s => OrthancWeb(s, "/frames/1/rendered"))]);
var portalFrames = await RateAsync(http, [.. sops.Select(s => Portal(s, "/frames/1"))], frames);
var orthancFrames = await RateAsync(orthanc.Http, [.. sops.Select(s => OrthancWeb(s, "/frames/1"))], frames);

var (playwright, browser) = await Browser.LaunchAsync();
var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseUrl, ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
var page = await context.NewPageAsync();
// Every frame request in the resource timeline (the default buffer keeps 250 entries).
await page.AddInitScriptAsync("performance.setResourceTimingBufferSize(5000)");
await Browser.SignInDupontAsync(page);
await page.GotoAsync($"/patients/{portal.Marie}/imaging?study={ct.StudyUid}&series={ct.SeriesUid}");
await page.WaitForFunctionAsync("() => window.hapImaging?.firstRenderedAt > 0", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
var firstImage = await page.EvaluateAsync<double>("() => window.hapImaging.firstRenderedAt");
// The first image the physician sees may be the portal's rendering of it, shown while the bundle compiles (0: none).
// Element Timing: when the page's <img elementtiming="first-image"> was painted.
var firstVisible = await page.EvaluateAsync<double>("""
    () => new Promise((resolve) => {
      setTimeout(() => resolve(0), 2000);
      new PerformanceObserver((list) => resolve(list.getEntries().find((e) => e.identifier === 'first-image')?.renderTime ?? 0))
        .observe({ type: 'element', buffered: true });
    })
    """);
// Where the first image's time goes: the page, the bundle, the workspace's steps, the first requests (ms from navigation start).
var steps = await page.EvaluateAsync<string[]>("""
    () => {
      const nav = performance.getEntriesByType('navigation')[0];
      const rows = [`page HTML                      ${nav.responseEnd.toFixed(0)} ms`];
      const seen = new Set();
      for (const r of performance.getEntriesByType('resource')) {
        const name = r.name.replace(/^https?:\/\/[^/]+/, '').replace(/[0-9.]{20,}/g, '…');
        if (seen.has(name) || seen.size > 12) continue;
        seen.add(name);
        rows.push(`${name.slice(0, 60).padEnd(60)} ${r.startTime.toFixed(0)} → ${r.responseEnd.toFixed(0)} ms`);
      }
      for (const m of performance.getEntriesByType('mark').filter((m) => m.name.startsWith('hap:'))) rows.push(`mark ${m.name.padEnd(25)} ${m.startTime.toFixed(0)} ms`);
      return rows;
    }
    """);
var allImages = await page.EvaluateAsync<double>("() => window.hapImaging.loadAll()");
// Where the series' time goes: the frame requests on the wire (server + network) against the whole load (+ decoding).
var wire = await page.EvaluateAsync<double[]>("""
    () => {
      const f = performance.getEntriesByType('resource').filter((r) => /\/frames\/\d+$/.test(r.name));
      const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
      return [f.length, Math.min(...f.map((r) => r.startTime)), Math.max(...f.map((r) => r.responseEnd)),
        median(f.map((r) => r.responseStart - r.requestStart)), median(f.map((r) => r.responseEnd - r.startTime))];
    }
    """);
var fps = await page.EvaluateAsync<double>("() => window.hapImaging.scrollBenchmark(3)");
await browser.CloseAsync();
playwright.Dispose();

string Row(string what, double value, string unit, string? beside = null) => string.Create(inv, $"  {what,-62} {value,10:0.0} {unit}{(beside is null ? string.Empty : "   " + beside)}");
Console.WriteLine();
Console.WriteLine("Browser (headless Chromium, Cornerstone3D workspace, WADO-RS frames decoded in the browser):");
Console.WriteLine(Row("first image painted (portal-rendered, while the bundle compiles)", firstVisible, "ms", "goal ≤ 300 ms"));
Console.WriteLine(Row("time to first rendered image (navigation start → first frame drawn)", firstImage, "ms", "by Cornerstone3D in the viewport"));
Console.WriteLine(Row($"time until all {count} images are in the browser (navigation start)", allImages, "ms", "goal ≤ 3000 ms"));
Console.WriteLine(Row("stack scrolling once loaded", fps, "fps", "goal ≥ 30 fps"));
Console.WriteLine(string.Create(inv, $"  frame requests: {wire[0]:0} on the wire from {wire[1]:0} to {wire[2]:0} ms; median server wait {wire[3]:0.0} ms, median request (queued → last byte) {wire[4]:0.0} ms"));
Console.WriteLine("  first image, step by step (ms from navigation start):");
foreach (var step in steps)
{
    Console.WriteLine("    " + step);
}
Console.WriteLine();
Console.WriteLine("Server, sequential GETs (first request ms, then images/s):");
Console.WriteLine(Row("portal   /dicomweb/…/frames/1/rendered (PNG)", portalRendered.PerSecond, "img/s", string.Create(inv, $"first {portalRendered.First:0.0} ms")));
Console.WriteLine(Row("Orthanc  /instances/{id}/preview (PNG)", orthancPreview.PerSecond, "img/s", string.Create(inv, $"first {orthancPreview.First:0.0} ms")));
Console.WriteLine(Row("Orthanc  /dicom-web/…/frames/1/rendered", orthancRendered.PerSecond, "img/s", string.Create(inv, $"first {orthancRendered.First:0.0} ms")));
Console.WriteLine(Row("portal   /dicomweb/…/frames/1 (stored transfer syntax)", portalFrames.PerSecond, "img/s", string.Create(inv, $"first {portalFrames.First:0.0} ms")));
Console.WriteLine(Row("Orthanc  /dicom-web/…/frames/1", orthancFrames.PerSecond, "img/s", string.Create(inv, $"first {orthancFrames.First:0.0} ms")));
Console.WriteLine();
Console.WriteLine(string.Create(inv, $"  ratio rendered frames portal / Orthanc preview   : {portalRendered.PerSecond / orthancPreview.PerSecond:0.00}×  (goal ≥ 2×)"));
Console.WriteLine(string.Create(inv, $"  ratio rendered frames portal / Orthanc DICOMweb  : {portalRendered.PerSecond / orthancRendered.PerSecond:0.00}×  (goal ≥ 2×)"));
Console.WriteLine(string.Create(inv, $"  ratio raw frames portal / Orthanc DICOMweb       : {portalFrames.PerSecond / orthancFrames.PerSecond:0.00}×"));
