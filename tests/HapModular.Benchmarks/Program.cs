using System.Globalization;
using HapModular.Benchmarks;
using HapModular.SharedKernel;
using HapModular.Testing;
using Npgsql;

// PostgreSQL's and nginx's CPU are read from Linux's /proc; nginx is Debian's.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// build/bench.sh timeline [--seconds N] [--warmup N] [--connections N] [--hosts N] [--large] [--scripted] [--diagnose] [--floor] [--client-in-process]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (LoadClient.IsChild(args))
{
    await LoadClient.ChildAsync(args);
    return;
}

var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).DefaultIfEmpty(10).First();
var large = args.Contains("--large");
var connections = args.SkipWhile(a => a != "--connections").Skip(1).Select(int.Parse).DefaultIfEmpty(32).First();
// The production path unless --scripted: a real session cookie, Identity's session check, Consent's CheckAccess.
var scripted = args.Contains("--scripted");
var host = new BenchHost(scripted);
await host.InitializeAsync();
// --hosts N: N hosts of one portal (one database, one data folder) behind Debian's nginx; the client talks to nginx.
var hostCount = args.SkipWhile(a => a != "--hosts").Skip(1).Select(int.Parse).DefaultIfEmpty(1).First();
var others = new List<BenchHost>();
for (var i = 1; i < hostCount; i++)
{
    var other = new BenchHost(host);
    await other.InitializeAsync();
    others.Add(other);
}

await using var nginx = hostCount > 1
    ? await HapModular.ScaleOut.Tests.LoadBalancer.StartAsync([.. new[] { host }.Concat(others).Select(h => new Uri(h.BaseUrl).Authority)], FreePorts.Next())
    : null;
var entry = nginx?.Url ?? host.BaseUrl;
// Only this bench's cluster counts as "PostgreSQL" (its postmaster and children): the machine may run other clusters.
PostgresCpu.Postmaster = int.Parse(File.ReadLines(Path.Combine(await StatementLog.DataDirectoryAsync(host.ConnectionString), "postmaster.pid")).First(), CultureInfo.InvariantCulture);
Guid physician, patient;
var cookies = new System.Net.CookieContainer();
if (scripted)
{
    physician = Guid.NewGuid();
    host.Linked[physician] = true;
    patient = await BenchData.RegisterAsync(host.Services, 101);
}
else
{
    // The demo's real link (Dr Dupont → Marie Dubois), signed in as his browser does.
    (physician, patient) = await BenchData.SeedDemoLinkAsync(host.Services);
    await BenchData.SignInDrDupontAsync(host.BaseUrl, cookies);
}

await BenchData.FillAsync(host.ConnectionString, patient, 200, 1_000, 1_000 * 10);
using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10), UseCookies = true, CookieContainer = cookies }) { BaseAddress = new Uri(entry) };
if (scripted)
{
    client.As(new TestUser(physician, [Roles.Physician], "18334780004", "Dr Bench"));
}

// The measured loops run in a load client process of its own unless --client-in-process (LoadClient): this process's
// CPU and allocation per request are then the hosts' alone. The warm-ups and the diagnostics' probes stay in here.
var inProcess = args.Contains("--client-in-process");
var remote = new LoadClient(entry, cookies, client.DefaultRequestHeaders);
Task<LoadResult> Measure(string name, string url, int conns, TimeSpan warm, TimeSpan duration) =>
    inProcess ? LoadLoop.RunAsync(name, client, url, conns, warm, duration) : LoadLoop.RunAsync(name, remote, url, conns, warm, duration);

async Task<(LoadResult Timeline, LoadResult Bare)> MeasureAsync(string label)
{
    var bare = await Measure($"bare indexed read {label}", $"/bench/bare?p={patient}", connections, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(seconds));
    // --floor: the path's database work alone, right after the bare read (the machine's speed drifts over a run).
    var floors = string.Empty;
    if (args.Contains("--floor"))
    {
        await host.CreateFloorAuditAsync();
        var floor = await Measure($"floor: the path's SQL alone {label}", $"/bench/floor?p={patient}&u={physician}", connections, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(seconds));
        // Without the audit's transaction: a bound above any version of the path that audits each access.
        var unaudited = await Measure($"floor without the audit {label}", $"/bench/floor?p={patient}&u={physician}&audit=0", connections, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(seconds));
        // The page's own two reads alone: no session, no consent, no audit (what a page without any security would cost).
        var page = await Measure($"floor: the page's reads alone {label}", $"/bench/floor?p={patient}&u={physician}&audit=0&checks=0", connections, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(seconds));
        floors = $"{floor}\n{unaudited}\n{page}\nratio floor/bare throughput = {floor.Throughput / bare.Throughput:P0}, without the audit {unaudited.Throughput / bare.Throughput:P0}, the page's reads alone {page.Throughput / bare.Throughput:P0}";
    }

    var timeline = await Measure($"timeline (guard+audit) {label}", $"/patients/{patient}", connections, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(seconds));
    if (args.Contains("--diagnose"))
    {
        Console.WriteLine(await Measure($"timeline, empty filter {label}", $"/patients/{patient}?q=zzzz", connections, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(seconds)));
        Console.WriteLine(await Measure($"thumbnail 404 (guard+audit) {label}", $"/patients/{patient}/documents/{Guid.NewGuid()}/thumbnail", connections, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(seconds)));
    }

    if (args.Contains("--diagnose"))
    {
        await StatementLog.PrintAsync(host.ConnectionString, client, $"/patients/{patient}", 20);
        using var sampler = new AllocationSampler();
        sampler.Start();
        var sampled = await Measure($"timeline, 1 connection, sampled {label}", $"/patients/{patient}", 1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(Math.Max(3, seconds)));
        sampler.Print(sampled.Requests, 30);
        Console.WriteLine(sampled);
    }

    // Latency as one physician feels it: nothing else queued in front of his request.
    var alone = await Measure($"timeline, 1 connection {label}", $"/patients/{patient}", 1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(Math.Max(2, seconds / 2)));
    Console.WriteLine(bare);
    Console.WriteLine(timeline);
    Console.WriteLine(alone);
    if (floors.Length > 0)
    {
        Console.WriteLine(floors);
    }
    Console.WriteLine($"ratio timeline/bare throughput = {timeline.Throughput / bare.Throughput:P0}   (goal >= 33 %; alloc goal <= 64 KiB/req; p50 goal at 1 connection <= 3 ms)");
    return (timeline, bare);
}

// Steady state, not start-up: with both cores busy, the JIT's second tier lags far behind the load (measured: 2 s of
// warm-up left the timeline at a third of its later throughput), so both endpoints run unmeasured first.
var warmup = TimeSpan.FromSeconds(args.SkipWhile(a => a != "--warmup").Skip(1).Select(int.Parse).DefaultIfEmpty(20).First());
await LoadLoop.RunAsync("warm-up bare", client, $"/bench/bare?p={patient}", connections, TimeSpan.Zero, warmup / 4);
await LoadLoop.RunAsync("warm-up timeline", client, $"/patients/{patient}", connections, TimeSpan.Zero, warmup * 3 / 4);
Console.WriteLine($"HapModular timeline benchmark: {Environment.ProcessorCount} cores, {connections} connections, {seconds} s per run, 200-document patient, {(scripted ? "scripted sign-in and CheckAccess" : "real path (session cookie, Identity, Consent, guard, audit, page)")}");
Console.WriteLine(inProcess
    ? "load client: inside this process (--client-in-process): process CPU and alloc/req include the client's"
    : "load client: a process of its own: process CPU and alloc/req are the server's alone (the client's are not counted)");
if (nginx is not null)
{
    // The hosts run in this process (one GC heap): process CPU and allocation per request cover all of them.
    Console.WriteLine($"{hostCount} hosts (one database, one document store) behind nginx {nginx.Url}; the session was opened on the first host; nginx's own CPU is counted apart");
}

await LoadLoop.MeasureIdleAsync(TimeSpan.FromSeconds(3));
var small = await MeasureAsync("(1k patients, 10k docs)");
if (large)
{
    Console.WriteLine("Filling: 100,000 patients, 1,000,000 documents…");
    var started = DateTime.UtcNow;
    await BenchData.FillAsync(host.ConnectionString, Guid.NewGuid(), 0, 100_000, 1_000_000);
    Console.WriteLine($"filled in {(DateTime.UtcNow - started).TotalSeconds:F0} s");
    var big = await MeasureAsync("(100k patients, 1M docs)");
    Console.WriteLine($"growth: timeline p50 x{big.Timeline.P50Ms / small.Timeline.P50Ms:F2}, throughput x{big.Timeline.Throughput / small.Timeline.Throughput:F2}");
}

await using (var connection = new NpgsqlConnection(host.ConnectionString))
{
    await connection.OpenAsync();
    await using var audits = new NpgsqlCommand("SELECT count(*) FROM audit.records WHERE patient_id = @p", connection);
    audits.Parameters.AddWithValue("p", patient);
    Console.WriteLine($"audit records written for the bench patient: {await audits.ExecuteScalarAsync()}");
}

foreach (var other in others)
{
    await ((Xunit.IAsyncLifetime)other).DisposeAsync();
}

await ((Xunit.IAsyncLifetime)host).DisposeAsync();
