using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using HapModular.Imaging.Testing;
using HapModular.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

// build/bench.sh imaging: one run on this machine, the portal beside Orthanc 1.10 serving the same 100 files.
var inv = CultureInfo.InvariantCulture;
var count = args.Contains("--quick") ? 20 : 100;
// --profile: a CPU profile of the page's main thread while the series loads (top functions by self time).
var profile = args.Contains("--profile");
// --jit (--jit-list FILE: each method into FILE): the methods the JIT compiled in the portal while the first study's page and image were served, by namespace.
// --trace FILE: a Chrome trace (main thread, network, paint) from navigation to all images loaded, for chrome://tracing.
var tracePath = args.SkipWhile(a => a != "--trace").Skip(1).FirstOrDefault();
Console.WriteLine($"Imaging benchmark: {count} CT slices 512×512 (16-bit, Explicit VR LE), sequential requests on 127.0.0.1, {Environment.ProcessorCount} cores");
await using var portal = new ImagingPortal();
await portal.InitializeAsync();
var ct = await portal.IngestStudyAsync(portal.Marie, count, "CT", "20261001", size: 512, spacing: 0.7, description: "Bench CT");
// A second study of the same patient: its first image measured after the first study's (host and browser warm, the
// bundle cached) — what a physician gets on every study but the first after a host start.
var ctAgain = await portal.IngestStudyAsync(portal.Marie, Math.Min(count, 20), "CT", "20261002", size: 512, spacing: 0.7, description: "Bench CT again");
// Series that nothing reads before their one pass (FirstReadAsync): rendered frames of a series a viewer opens for the
// first time, every file read from the store (and on the portal its SHA-256 checked), with the JIT already warm. Three
// (--unread N): one pass of 100 requests lasts a fifth of a second, too short to judge a goal by on a machine whose speed
// drifts; the passes alternate portal and Orthanc series by series.
var unreadCount = int.Parse(args.SkipWhile(a => a != "--unread").Skip(1).FirstOrDefault() ?? "3", inv);
var unreadSeries = new List<StudyFiles>();
for (var i = 0; i < unreadCount; i++)
{
    unreadSeries.Add(await portal.IngestStudyAsync(portal.Marie, count, "CT", string.Create(inv, $"202610{3 + i:00}"), size: 512, spacing: 0.7, description: "Bench CT read once"));
}

var token = await portal.CreateDupontTokenAsync("bench");
using var http = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
// Orthanc also serves the same viewer (this workspace's bundle) and a page for the study, as the pair a hospital would
// otherwise pick (OrthancViewer).
var viewerPage = Path.Combine(Path.GetTempPath(), "hap-bench-viewer-" + Guid.NewGuid().ToString("N"));
var withBrowser = !args.Contains("--server") && !args.Contains("--round-trips");
await using var orthanc = await Orthanc.StartAsync(new Dictionary<string, (string, string)>(), withBrowser ? OrthancViewer.Folders(viewerPage, ct.StudyUid, ct.SeriesUid) : null);
foreach (var file in ct.Files.Values)
{
    using var content = new ByteArrayContent(file);
    (await orthanc.Http.PostAsync(new Uri("/instances", UriKind.Relative), content)).EnsureSuccessStatusCode();
}

var sops = ct.Files.Keys.ToList();
var orthancIds = System.Text.Json.JsonSerializer.Deserialize<List<string>>(await orthanc.Http.GetStringAsync(new Uri("/instances", UriKind.Relative)))!;
// Stored after the list of the bench CT's instances (the preview row) was taken.
foreach (var file in unreadSeries.SelectMany(u => u.Files.Values))
{
    using var content = new ByteArrayContent(file);
    (await orthanc.Http.PostAsync(new Uri("/instances", UriKind.Relative), content)).EnsureSuccessStatusCode();
}

string Portal(string sop, string suffix) => $"/dicomweb/studies/{ct.StudyUid}/series/{ct.SeriesUid}/instances/{sop}{suffix}";
string OrthancWeb(string sop, string suffix) => $"/dicom-web/studies/{ct.StudyUid}/series/{ct.SeriesUid}/instances/{sop}{suffix}";

var orthancPid = orthanc.ProcessId;
// One row, like with like on both sides: a first pass over every URL (the cold pass: blob or storage reads, caches
// filling, and for the portal the JIT still compiling) printed as its own row, then warm-up passes; every row (portal
// and Orthanc) is warm before any row is measured, so that no measured pass shares the CPU with another row's JIT.
// parallel: that many requests in flight at once, each taken from the same list as the one before it completes (a viewer
// fetching a series over HTTP/1.1 keeps the browser's six connections per host busy).
Func<Task<Pass>> Passes(HttpClient client, IReadOnlyList<string> urls, string? accept, Action<string> format, int parallel = 1)
{
    // What the server answered (media type and mean size): a rate compares like with like only for the same format.
    async Task<(double Ms, string? Type, long Bytes)> GetAsync(string url)
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

        return (watch.Elapsed.TotalMilliseconds, response.Content.Headers.ContentType?.MediaType, body.Length);
    }

    // Per request, robust to a loaded machine: this process's CPU (the portal and the client), Orthanc's CPU, and this
    // process's allocations and GC pauses (the client's share is what the Orthanc rows show).
    return async () =>
    {
        var cpu = Cpu.Now(orthancPid);
        var (allocated, paused, gen2) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), GC.CollectionCount(2));
        // What the JIT compiled meanwhile in this process (the portal's request path and the client): a cold pass's cost.
        var (jitted, jitTime) = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
        var all = Stopwatch.StartNew();
        var first = 0.0;
        var firstJit = TimeSpan.Zero;
        var firstJitted = 0L;
        var (type, bytes) = ((string?)null, 0L);
        var next = -1;
        var gate = new Lock();
        async Task WorkerAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < urls.Count; i = Interlocked.Increment(ref next))
            {
                var (ms, t, b) = await GetAsync(urls[i]);
                lock (gate)
                {
                    (type, bytes) = (type ?? t, bytes + b);
                    if (first == 0)
                    {
                        first = ms;
                        firstJit = System.Runtime.JitInfo.GetCompilationTime() - jitTime;
                        firstJitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitted;
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => WorkerAsync()));

        var rate = urls.Count / all.Elapsed.TotalSeconds;
        var (self, other) = Cpu.Since(cpu, orthancPid);
        var n = (double)urls.Count;
        var jittedInPass = System.Runtime.JitInfo.GetCompiledMethodCount() - jitted;
        format(string.Create(inv, $"{type} {bytes / 1024.0 / n:0} KB"));
        return new Pass(first, rate, jittedInPass, string.Create(inv, $"per req: CPU here {self / n:0.00} ms, Orthanc {other / n:0.00} ms, alloc {(GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / n:0} KB, GC pause {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds / n:0.00} ms, gen2 {GC.CollectionCount(2) - gen2}; JIT {jittedInPass} methods {(System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds:0} ms ({firstJitted} methods, {firstJit.TotalMilliseconds:0} ms during the first request)"));
    };
}

// The cold pass, then warm-up passes until the JIT has finished with the path: tiered compilation re-compiles a hot
// method (tier 1) only after 30 calls and a quiet 100 ms, so on 2 cores a second pass could still spend more CPU in the
// JIT than in the requests (455-853 methods re-compiled in it). Passes until one compiles fewer than 20 methods (at most 6).
async Task<Rate> WarmAsync(HttpClient client, IReadOnlyList<string> urls, string? accept = null, int parallel = 1, string unit = "img/s")
{
    var format = string.Empty;
    var pass = Passes(client, urls, accept, f => format = f, parallel);
    var cold = await pass();
    var warmUps = 1;
    while ((await pass()).Jitted >= 20 && warmUps < 6)
    {
        warmUps++;
    }

    return new Rate(cold, pass, format, warmUps, urls.Count, unit);
}

var frames = "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*";
var firstReadDone = false;
// A browser's connections per host over HTTP/1.1 (Chromium: 6), all busy when a viewer pulls a series' frames.
const int ViewerConnections = 6;
// --server: the server rates only (no browser), --rounds N times: the quick loop for profiling the portal's request path
// (this process is the portal: dotnet-trace attaches to its PID, printed here).
var serverOnly = args.Contains("--server");
var rounds = int.Parse(args.SkipWhile(a => a != "--rounds").Skip(1).FirstOrDefault() ?? "1", inv);
// --round-trips [--passes N]: the PostgreSQL round trips of one rendered frame (the default format), counted from
// Npgsql's activities (listening costs CPU: never beside the measured rows), after N passes over the series (default 1):
// many passes are the loop to profile under `dotnet-trace collect -- dotnet …` (nothing but this row in the process).
// At one request at a time a frame's latency is its CPU plus these round trips.
if (args.Contains("--round-trips"))
{
    var urls = sops.Select(s => Portal(s, "/frames/1/rendered")).ToList();
    async Task SeriesAsync()
    {
        foreach (var url in urls)
        {
            using var response = (await http.GetAsync(new Uri(url, UriKind.Relative))).EnsureSuccessStatusCode();
        }
    }

    var passCount = int.Parse(args.SkipWhile(a => a != "--passes").Skip(1).FirstOrDefault() ?? "1", inv);
    for (var pass = 0; pass < passCount; pass++)
    {
        await SeriesAsync();
    }

    using (var trips = new HapModular.Benchmarks.RoundTrips())
    {
        await SeriesAsync();
        trips.Print(urls.Count);
    }

    // The first image of a study nobody opened yet (its audit record written before it is served), then the next image
    // of its series.
    if (unreadSeries.FirstOrDefault() is { } unread)
    {
        foreach (var (sop, n) in unread.Files.Keys.Take(2).Select((s, n) => (s, n + 1)))
        {
            using var trips = new HapModular.Benchmarks.RoundTrips();
            var watch = Stopwatch.StartNew();
            using (var response = await http.GetAsync(new Uri($"/dicomweb/studies/{unread.StudyUid}/series/{unread.SeriesUid}/instances/{sop}/frames/1/rendered", UriKind.Relative)))
            {
                response.EnsureSuccessStatusCode();
            }

            Console.WriteLine(string.Create(inv, $"Image {n} of a study opened for the first time: {watch.Elapsed.TotalMilliseconds:0.0} ms"));
            trips.Print(1);
        }
    }

    return;
}

if (serverOnly)
{
    Console.WriteLine(string.Create(inv, $"portal process id {Environment.ProcessId}"));
    for (var round = 1; round <= rounds; round++)
    {
        await ServerRatesAsync();
        await ServerRatesAsync(atOnce: true);
    }

    return;
}

// Before the browser (as always): the first pass reads every file from the blob store, as a viewer's first look would.
// --browser-first: the browser before the server rows, so that its first image is the host's very first request of the
// imaging path (nothing rendered, no DICOM read, no workspace page served since the start).
var browserFirst = args.Contains("--browser-first");
using var tiering = new TieringWatch();
var settled = string.Empty;
if (!browserFirst)
{
    await ServerRatesAsync();
    // Until the tiered JIT's background worker has re-compiled what the server rows made hot (seconds on 2 cores): the
    // first page measured beside it waited up to 200 ms more. Bounded: a worker that never reports goes on anyway.
    long recompiled;
    try
    {
        recompiled = await tiering.IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }
    catch (TimeoutException)
    {
        recompiled = -1;
    }

    settled = string.Create(inv, $"; after the server rows and the tiered JIT's re-compilation ({(recompiled < 0 ? "not over after 30 s" : $"{recompiled} methods")}; its runs since the rows began: {tiering.Runs})");
}

var (playwright, browser) = await Browser.LaunchAsync();
var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseUrl, ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
var page = await context.NewPageAsync();
// Every frame request in the resource timeline (the default buffer keeps 250 entries).
await page.AddInitScriptAsync("""
    performance.setResourceTimingBufferSize(5000);
    // Long tasks (main thread busy ≥ 50 ms) from the very start: what holds the first paint back.
    window.__longTasks = [];
    try { new PerformanceObserver((l) => window.__longTasks.push(...l.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: 'longtask' }); } catch { }
    """);
await Browser.SignInDupontAsync(page);
var traceEvents = new List<System.Text.Json.JsonElement>();
var traceDone = new TaskCompletionSource();
ICDPSession? tracing = null;
if (tracePath is not null)
{
    tracing = await page.Context.NewCDPSessionAsync(page);
    tracing.Event("Tracing.dataCollected").OnEvent += (_, e) => traceEvents.AddRange(e!.Value.GetProperty("value").EnumerateArray().Select(v => v.Clone()));
    tracing.Event("Tracing.tracingComplete").OnEvent += (_, _) => traceDone.TrySetResult();
    await tracing.SendAsync("Tracing.start", new Dictionary<string, object>
    {
        ["traceConfig"] = new Dictionary<string, object>
        {
            ["includedCategories"] = new[] { "devtools.timeline", "v8", "v8.execute", "blink.user_timing", "loading", "netlog", "disabled-by-default-devtools.timeline" },
        },
    });
}

// Work, not wall clock: what the JIT compiled in this process (the portal; the client is idle meanwhile) while the first
// study's page and its first image were served — ReadyToRun code (build/bench.sh publishes this program as build/run.sh
// publishes the host) leaves the JIT little to do there.
using var jitWatch = args.Contains("--jit") || args.Contains("--jit-list") ? new JitWatch() : null;
jitWatch?.Start();
var (jitBeforePage, jitTimeBeforePage) = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
await page.GotoAsync($"/patients/{portal.Marie}/imaging?study={ct.StudyUid}&series={ct.SeriesUid}");
// The first image the physician sees may be the portal's rendering of it, shown while the bundle compiles (0: none).
// Element Timing: when the page's <img elementtiming="first-image"> was painted.
var firstVisible = await FirstImagePaintedAsync(page);
var pageCold = await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].responseEnd");
var (jitFirstPage, jitTimeFirstPage) = (System.Runtime.JitInfo.GetCompiledMethodCount() - jitBeforePage, System.Runtime.JitInfo.GetCompilationTime() - jitTimeBeforePage);
var jitted = jitWatch?.Stop(25) ?? [];
// --jit-list FILE: every method the JIT compiled meanwhile, in order (the portal's and the bench's own).
if (args.SkipWhile(a => a != "--jit-list").Skip(1).FirstOrDefault() is { } jitList && jitWatch is not null)
{
    await File.WriteAllLinesAsync(jitList, jitWatch.Methods);
}
await page.WaitForFunctionAsync("() => window.hapImaging?.firstRenderedAt > 0", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
var firstImage = await page.EvaluateAsync<double>("() => window.hapImaging.firstRenderedAt");
// Where the first image's time goes: the page, the bundle, the workspace's steps, the first requests (ms from navigation start).
var steps = await page.EvaluateAsync<string[]>("""
    () => {
      const nav = performance.getEntriesByType('navigation')[0];
      // Asked (after the previous page's unload handlers), first byte (the portal's work), last byte.
      const rows = [`page HTML                      ${nav.responseEnd.toFixed(0)} ms (asked ${nav.requestStart.toFixed(0)}, first byte ${nav.responseStart.toFixed(0)})`];
      const seen = new Set();
      for (const r of performance.getEntriesByType('resource')) {
        const name = r.name.replace(/^https?:\/\/[^/]+/, '').replace(/[0-9.]{20,}/g, '…');
        if (seen.has(name) || seen.size > 12) continue;
        seen.add(name);
        rows.push(`${name.slice(0, 60).padEnd(60)} ${r.startTime.toFixed(0)} → ${r.responseEnd.toFixed(0)} ms`);
      }
      for (const m of performance.getEntriesByType('mark').filter((m) => m.name.startsWith('hap:'))) rows.push(`mark ${m.name.padEnd(25)} ${m.startTime.toFixed(0)} ms`);
      for (const p of performance.getEntriesByType('paint')) rows.push(`paint ${p.name.padEnd(24)} ${p.startTime.toFixed(0)} ms`);
      rows.push('long tasks (start+duration) ' + window.__longTasks.filter(([s]) => s < 3000).map(([s, d]) => `${s.toFixed(0)}+${d.toFixed(0)}`).join(' '));
      return rows;
    }
    """);
ICDPSession? cdp = null;
if (profile)
{
    cdp = await page.Context.NewCDPSessionAsync(page);
    await cdp.SendAsync("Profiler.enable");
    await cdp.SendAsync("Profiler.setSamplingInterval", new Dictionary<string, object> { ["interval"] = 200 });
    await cdp.SendAsync("Profiler.start");
}

var allImages = await page.EvaluateAsync<double>("() => window.hapImaging.loadAll()");
if (tracing is not null)
{
    await tracing.SendAsync("Tracing.end");
    await traceDone.Task.WaitAsync(TimeSpan.FromSeconds(60));
    await File.WriteAllTextAsync(tracePath!, System.Text.Json.JsonSerializer.Serialize(new { traceEvents }));
}

var topFunctions = cdp is null ? [] : Profiles.Top(await cdp.SendAsync("Profiler.stop"), 15);
// How the images arrived: when a quarter, half, all of them were in the cache (ms from navigation start).
var arrived = await page.EvaluateAsync<double[]>("() => window.hapImaging.loadedAt ?? []");
// Where the series' time goes: the frame requests on the wire (server + network) against the whole load (+ decoding).
var wire = await page.EvaluateAsync<double[]>("""
    () => {
      // The frames asked one by one, and the series' bulk answer (every frame in one multipart answer) when boot.js asked it.
      const f = performance.getEntriesByType('resource').filter((r) => /\/frames\/\d+$/.test(r.name) || /\/series\/[0-9.]+$/.test(r.name));
      const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
      // boot.js reads the bulk answer in a worker, whose requests the page's timeline does not list: its own times.
      const w = window.hapBulk;
      const b = w?.end ? [{ startTime: w.start, requestStart: w.start, responseStart: w.headers, responseEnd: w.end }] : [];
      const all = [...f, ...b];
      return [all.length, Math.min(...all.map((r) => r.startTime)), Math.max(...all.map((r) => r.responseEnd)),
        median(all.map((r) => r.responseStart - r.requestStart)), median(all.map((r) => r.responseEnd - r.startTime))];
    }
    """);
var fps = await page.EvaluateAsync<double>("() => window.hapImaging.scrollBenchmark(3)");
await page.GotoAsync($"/patients/{portal.Marie}/imaging?study={ctAgain.StudyUid}&series={ctAgain.SeriesUid}");
await page.WaitForFunctionAsync("() => window.hapImaging?.firstRenderedAt > 0", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
var firstImageWarm = await page.EvaluateAsync<double>("() => window.hapImaging.firstRenderedAt");
var firstVisibleWarm = await FirstImagePaintedAsync(page);
var pageWarm = await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].responseEnd");
// The same viewer on Orthanc's DICOMweb (the pair a hospital would otherwise pick), same study, in a context of its own.
OrthancViewer.Result? onOrthanc = null;
var onOrthancError = string.Empty;
try
{
    onOrthanc = Directory.Exists(viewerPage) ? await OrthancViewer.MeasureAsync(browser, orthanc.Http.BaseAddress!) : null;
    onOrthancError = onOrthanc is null ? "no bundle (artifacts/imaging) found upwards from here" : string.Empty;
}
catch (Exception e) when (e is InvalidOperationException or PlaywrightException or TimeoutException)
{
    onOrthancError = e.Message;
}
finally
{
    if (Directory.Exists(viewerPage))
    {
        Directory.Delete(viewerPage, recursive: true);
    }
}

await browser.CloseAsync();
playwright.Dispose();
if (browserFirst)
{
    await ServerRatesAsync();
}

await ServerRatesAsync(atOnce: true);

string Row(string what, double value, string unit, string? beside = null) => string.Create(inv, $"  {what,-62} {value,10:0.0} {unit}{(beside is null ? string.Empty : "   " + beside)}");
Console.WriteLine();
Console.WriteLine("Browser (headless Chromium, Cornerstone3D workspace, WADO-RS frames decoded in the browser):");
Console.WriteLine(Row(browserFirst ? "first image painted, the host's first imaging request" : "first image painted, first workspace page (render path warm)", firstVisible, "ms", string.Create(inv, $"goal ≤ 300 ms{settled}; page HTML {pageCold:0} ms; JIT meanwhile {jitFirstPage} methods, {jitTimeFirstPage.TotalMilliseconds:0} ms (the portal's code {(IsReadyToRun(AppDomain.CurrentDomain.GetAssemblies().First(a => a.GetName().Name == "HapModular.Host")) ? "ReadyToRun" : "IL only: build/bench.sh publishes it ReadyToRun")})")));
Console.WriteLine(Row("time to first rendered image (navigation start → first frame drawn)", firstImage, "ms", "by Cornerstone3D in the viewport"));
Console.WriteLine(Row("first image painted, next study (host and browser warm)", firstVisibleWarm, "ms", string.Create(inv, $"goal ≤ 300 ms; page HTML {pageWarm:0} ms, first frame drawn by Cornerstone3D {firstImageWarm:0} ms")));
Console.WriteLine(Row($"time until all {count} images are in the browser (navigation start)", allImages, "ms", "goal ≤ 3000 ms"));
Console.WriteLine(Row("stack scrolling once loaded", fps, "fps", "goal ≥ 30 fps"));
Console.WriteLine(string.Create(inv, $"  frame requests (one-by-one frames + bulk series answers): {wire[0]:0} on the wire from {wire[1]:0} to {wire[2]:0} ms; median server wait {wire[3]:0.0} ms, median request (queued → last byte) {wire[4]:0.0} ms"));
if (arrived.Length > 0)
{
    Console.WriteLine(string.Create(inv, $"  images in the cache: first at {arrived[0]:0}, 25% at {arrived[arrived.Length / 4]:0}, 50% at {arrived[arrived.Length / 2]:0}, all at {arrived[^1]:0} ms"));
}

Console.WriteLine();
Console.WriteLine("The same viewer (this workspace's Cornerstone3D bundle) on Orthanc's DICOMweb, on Orthanc's origin, in a browser context of its own:");
if (onOrthanc is { } o)
{
    Console.WriteLine(Row("time to first rendered image (navigation start → first frame drawn)", o.FirstDrawn, "ms", string.Create(inv, $"portal's workspace {firstImage:0} ms: Orthanc / portal {o.FirstDrawn / firstImage:0.00}× (on the portal's page the first image is on screen at {firstVisible:0} ms, its rendering inside the HTML)")));
    Console.WriteLine(Row($"time until all {count} images are in the browser (navigation start)", o.AllImages, "ms", string.Create(inv, $"portal's workspace {allImages:0} ms: Orthanc / portal {o.AllImages / allImages:0.00}×; {o.FrameRequests} frame requests")));
    Console.WriteLine(Row("stack scrolling once loaded", o.Fps, "fps", string.Create(inv, $"portal's workspace {fps:0.0} fps")));
    foreach (var step in o.Steps)
    {
        Console.WriteLine("    " + step);
    }
}
else
{
    Console.WriteLine("  not measured: " + onOrthancError);
}

Console.WriteLine();
foreach (var line in topFunctions)
{
    Console.WriteLine("  main thread while loading: " + line);
}

foreach (var line in jitted)
{
    Console.WriteLine("  JIT-compiled during the first page and image: " + line);
}

Console.WriteLine("  first image, step by step (ms from navigation start):");
foreach (var step in steps)
{
    Console.WriteLine("    " + step);
}
Console.WriteLine();
// Whether an assembly carries ReadyToRun code (a ManagedNativeHeader in its CLI header) or only IL for the JIT.
static bool IsReadyToRun(System.Reflection.Assembly assembly)
{
    using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(assembly.Location));
    return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
}

// Element Timing: when the page's <img elementtiming="first-image"> was painted (0: none within 2 s of asking).
static Task<double> FirstImagePaintedAsync(IPage page) => page.EvaluateAsync<double>("""
    () => new Promise((resolve) => {
      setTimeout(() => resolve(0), 2000);
      new PerformanceObserver((list) => resolve(list.getEntries().find((e) => e.identifier === 'first-image')?.renderTime ?? 0))
        .observe({ type: 'element', buffered: true });
    })
    """);

// atOnce: the rendered frames six requests at a time, portal and Orthanc (a viewer pulling a series), else every row one
// request at a time. Run after the browser part: with the thread pool grown for them, the first workspace page measured
// next came ~20 ms later (3 interleaved pairs).
async Task ServerRatesAsync(bool atOnce = false)
{
    var loadBefore = Load();
    var rendered = sops.Select(s => Portal(s, "/frames/1/rendered")).ToList();
    var orthancRendered = sops.Select(s => OrthancWeb(s, "/frames/1/rendered")).ToList();
    // 20 searches of one URL per pass.
    Task<Rate> SearchesAsync(HttpClient client, string url) => WarmAsync(client, [.. Enumerable.Repeat(url, 20)], "application/dicom+json", unit: "req/s");
    // Every row warmed first (cold pass + warm-up passes), in this order; then every row measured, in the same order.
    // Six at once, a pass of 20 URLs (--quick) lasts a few tens of milliseconds: the list is gone through until a pass
    // holds at least 100 requests.
    List<string> Repeated(List<string> urls) => [.. Enumerable.Repeat(urls, Math.Max(1, (100 + urls.Count - 1) / urls.Count)).SelectMany(u => u)];
    var rows = atOnce ? new List<(string What, Rate Rate)>
    {
        ("portal   …/frames/1/rendered (no Accept), 6 at once", await WarmAsync(http, Repeated(rendered), parallel: ViewerConnections)),
        ("Orthanc  …/frames/1/rendered (no Accept), 6 at once", await WarmAsync(orthanc.Http, Repeated(orthancRendered), parallel: ViewerConnections)),
    } : new List<(string What, Rate Rate)>
    {
        ("portal   …/frames/1/rendered (no Accept)", await WarmAsync(http, rendered)),
        ("portal   …/frames/1/rendered (Accept image/jpeg)", await WarmAsync(http, rendered, "image/jpeg")),
        ("portal   …/frames/1/rendered (Accept image/png)", await WarmAsync(http, rendered, "image/png")),
        ("Orthanc  /instances/{id}/preview", await WarmAsync(orthanc.Http, [.. orthancIds.Select(id => $"/instances/{id}/preview")])),
        ("Orthanc  …/frames/1/rendered (no Accept)", await WarmAsync(orthanc.Http, orthancRendered)),
        ("Orthanc  …/frames/1/rendered (Accept image/png)", await WarmAsync(orthanc.Http, orthancRendered, "image/png")),
        ("portal   …/frames/1 (stored transfer syntax)", await WarmAsync(http, [.. sops.Select(s => Portal(s, "/frames/1"))], frames)),
        ("Orthanc  …/frames/1", await WarmAsync(orthanc.Http, [.. sops.Select(s => OrthancWeb(s, "/frames/1"))], frames)),
        // A desktop viewer's study list and a study's series list (QIDO-RS).
        ("portal   QIDO /studies?StudyDate=20261001", await SearchesAsync(http, "/dicomweb/studies?StudyDate=20261001")),
        ("Orthanc  QIDO /studies?StudyDate=20261001", await SearchesAsync(orthanc.Http, "/dicom-web/studies?StudyDate=20261001")),
        ("portal   QIDO /studies/{study}/series", await SearchesAsync(http, $"/dicomweb/studies/{ct.StudyUid}/series")),
        ("Orthanc  QIDO /studies/{study}/series", await SearchesAsync(orthanc.Http, $"/dicom-web/studies/{ct.StudyUid}/series")),
    };

    var loadWarm = Load();
    // Five measured passes of every row, round after round (a slow moment of the machine falls on every row alike), and
    // each row's median pass: one pass of a row lasts a fraction of a second, and a single one put the same build's
    // rendered-frames ratio anywhere between 1.4× and 2.8× from run to run.
    const int measuredPasses = 5;
    var passes = rows.Select(_ => new List<Pass>()).ToList();
    for (var round = 0; round < measuredPasses; round++)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            // No row pays for the garbage of the row before (the raw frames' 512 KB answers): a full collection first,
            // as BenchmarkDotNet does between iterations.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            passes[i].Add(await rows[i].Rate.Measure());
        }
    }

    var measured = passes.Select(p => p.OrderBy(x => x.PerSecond).ElementAt(p.Count / 2)).ToList();

    Console.WriteLine(string.Create(inv, $"Server, {(atOnce ? $"{ViewerConnections} GETs at once" : "sequential GETs")}, each row over the same {count} URLs{(rows[0].Rate.Requests > count ? $" ({rows[0].Rate.Requests} requests per pass)" : string.Empty)}: the first pass (cold); then warm-up passes of every row (until one compiles fewer than 20 methods, at most 6); then {measuredPasses} measured passes of every row, round after round, and each row's median (warm: none measured while another row still warms up); load before {loadBefore}, once warm {loadWarm}, after {Load()}"));
    string Beside(Pass p, string format) => string.Create(inv, $"first {p.First:0.0} ms, {format}; {p.PerRequest}");
    for (var i = 0; i < rows.Count; i++)
    {
        var (what, rate) = rows[i];
        var unit = rate.Unit;
        Console.WriteLine(Row(what + " cold", rate.Cold.PerSecond, unit, Beside(rate.Cold, rate.Format)));
        Console.WriteLine(Row(what + " warm", measured[i].PerSecond, unit, Beside(measured[i], string.Create(inv, $"{rate.Format}, after {rate.WarmUps} warm-up pass(es); passes {passes[i].Min(x => x.PerSecond):0}–{passes[i].Max(x => x.PerSecond):0} {unit}"))));
    }

    Console.WriteLine();
    void Ratio(string what, int portalRow, int orthancRow, string note) => Console.WriteLine(string.Create(inv,
        $"  ratio {what,-44}: warm {measured[portalRow].PerSecond / measured[orthancRow].PerSecond:0.00}×, cold {rows[portalRow].Rate.Cold.PerSecond / rows[orthancRow].Rate.Cold.PerSecond:0.00}×  ({note})"));
    if (atOnce)
    {
        Ratio("rendered frames, 6 at once", 0, 1, "each side's default format, as a viewer pulls a series over HTTP/1.1");
        return;
    }

    Ratio("rendered frames portal / Orthanc DICOMweb", 0, 4, "goal ≥ 2×; each side's default format");
    await FirstReadAsync();
    Ratio("rendered JPEG portal / Orthanc DICOMweb", 1, 4, "both JPEG: the portal asked image/jpeg, Orthanc's default");
    Ratio("rendered PNG  portal / Orthanc DICOMweb", 2, 5, "both asked image/png");
    Ratio("rendered frames portal / Orthanc preview", 0, 3, "goal ≥ 2×");
    Ratio("raw frames portal / Orthanc DICOMweb", 6, 7, "stored transfer syntax");
    Ratio("QIDO studies portal / Orthanc", 8, 9, "the 100-image study found by its date among the physician's studies");
    Ratio("QIDO series portal / Orthanc", 10, 11, "the series of the 100-image study");
}

// The rendered frames of the series nothing has read yet, one pass each side per series (a file is read for the first
// time once), after every other row, portal then Orthanc series by series: the portal reads each file from its store and
// checks its SHA-256 (RecentDicomContent keeps only what was read), Orthanc reads it from its storage area. Once per run:
// the second time, the series are no longer unread.
async Task FirstReadAsync()
{
    if (firstReadDone)
    {
        return;
    }

    firstReadDone = true;
    var (portalPass, orthancPass) = (string.Empty, string.Empty);
    var (portalSeconds, orthancSeconds, requests) = (0.0, 0.0, 0);
    // Where the portal's requests found each file (hap.dicom.content.reads): read ahead while the one before was served
    // (kept, or awaited: a read under way), or read from the store by the request itself.
    using var reads = new ContentReads(portal.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
    foreach (var (u, n) in unreadSeries.Select((u, n) => (u, n + 1)))
    {
        var onPortal = await Passes(http, [.. u.Files.Keys.Select(s => $"/dicomweb/studies/{u.StudyUid}/series/{u.SeriesUid}/instances/{s}/frames/1/rendered")], null, f => portalPass = f)();
        var onOrthanc = await Passes(orthanc.Http, [.. u.Files.Keys.Select(s => $"/dicom-web/studies/{u.StudyUid}/series/{u.SeriesUid}/instances/{s}/frames/1/rendered")], null, f => orthancPass = f)();
        (portalSeconds, orthancSeconds, requests) = (portalSeconds + (u.Files.Count / onPortal.PerSecond), orthancSeconds + (u.Files.Count / onOrthanc.PerSecond), requests + u.Files.Count);
        Console.WriteLine(Row($"portal   …/frames/1/rendered, series {n} read for the first time", onPortal.PerSecond, "img/s", string.Create(inv, $"first {onPortal.First:0.0} ms, {portalPass}; one pass; {onPortal.PerRequest}")));
        Console.WriteLine(Row($"Orthanc  …/frames/1/rendered, series {n} read for the first time", onOrthanc.PerSecond, "img/s", string.Create(inv, $"first {onOrthanc.First:0.0} ms, {orthancPass}; one pass; {onOrthanc.PerRequest}")));
    }

    if (requests > 0)
    {
        Console.WriteLine(string.Create(inv, $"  ratio {"rendered frames, first read of a series",-44}: {orthancSeconds / portalSeconds:0.00}×  ({unreadSeries.Count} series of {count}, {requests / portalSeconds:0} against {requests / orthancSeconds:0} img/s; the JIT warm; goal ≥ 2×)"));
        Console.WriteLine(string.Create(inv, $"  portal's files on those first reads: {reads.Count("kept")} read ahead and kept, {reads.Count("awaited")} read ahead and awaited, {reads.Count("store")} read by the request itself"));
    }
}

// The machine's load average (1, 5, 15 min) beside every number: a loaded machine slows both sides unevenly.
static string Load()
{
    try
    {
        return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "?";
    }
}

/// <summary>One pass over a row's URLs: its first request (ms), images per second, and the per-request costs.</summary>
internal sealed record Pass(double First, double PerSecond, long Jitted, string PerRequest);

/// <summary>A row's first (cold) pass, how to run its measured pass once every row is warm, what the server answered.</summary>
internal sealed record Rate(Pass Cold, Func<Task<Pass>> Measure, string Format, int WarmUps, int Requests, string Unit);

/// <summary>CPU time (ms) of this process and of another one (from /proc: utime + stime, in clock ticks of 10 ms).</summary>
internal static class Cpu
{
    public static (double Self, double Other) Now(int other) => (Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds, Ticks(other) * 10.0);

    public static (double Self, double Other) Since((double Self, double Other) start, int other)
    {
        var now = Now(other);
        return (now.Self - start.Self, now.Other - start.Other);
    }

    private static long Ticks(int pid)
    {
        try
        {
            // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
