using System.Globalization;
using HapModular.Benchmarks;
using HapModular.SharedKernel;
using HapModular.Testing;
using Npgsql;

// build/bench.sh timeline [--seconds N] [--warmup N] [--connections N] [--large] [--real-consent] [--diagnose]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).DefaultIfEmpty(10).First();
var large = args.Contains("--large");
var connections = args.SkipWhile(a => a != "--connections").Skip(1).Select(int.Parse).DefaultIfEmpty(32).First();
var realConsent = args.Contains("--real-consent");
var host = new BenchHost(realConsent);
await host.InitializeAsync();
Guid physician, patient;
if (realConsent)
{
    // The demo's real link (Dr Dupont → Marie Dubois), decided by Consent's CheckAccess and Identity's account check.
    (physician, patient) = await BenchData.SeedDemoLinkAsync(host.Services);
}
else
{
    physician = Guid.NewGuid();
    host.Linked[physician] = true;
    patient = await BenchData.RegisterAsync(host.Services, 101);
}

await BenchData.FillAsync(host.ConnectionString, patient, 200, 1_000, 1_000 * 10);
using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = new Uri(host.BaseUrl) };
client.As(new TestUser(physician, [Roles.Physician], "18334780004", "Dr Bench"));

async Task<(LoadResult Timeline, LoadResult Bare)> MeasureAsync(string label)
{
    var bare = await LoadLoop.RunAsync($"bare indexed read {label}", client, $"/bench/bare?p={patient}", connections, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(seconds));
    var timeline = await LoadLoop.RunAsync($"timeline (guard+audit) {label}", client, $"/patients/{patient}", connections, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(seconds));
    if (args.Contains("--diagnose"))
    {
        Console.WriteLine(await LoadLoop.RunAsync($"timeline, empty filter {label}", client, $"/patients/{patient}?q=zzzz", connections, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(seconds)));
        Console.WriteLine(await LoadLoop.RunAsync($"thumbnail 404 (guard+audit) {label}", client, $"/patients/{patient}/documents/{Guid.NewGuid()}/thumbnail", connections, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(seconds)));
    }

    Console.WriteLine(bare);
    Console.WriteLine(timeline);
    Console.WriteLine($"ratio timeline/bare throughput = {timeline.Throughput / bare.Throughput:P0}");
    return (timeline, bare);
}

// Steady state, not start-up: with both cores busy, the JIT's second tier lags far behind the load (measured: 2 s of
// warm-up left the timeline at a third of its later throughput), so both endpoints run unmeasured first.
var warmup = TimeSpan.FromSeconds(args.SkipWhile(a => a != "--warmup").Skip(1).Select(int.Parse).DefaultIfEmpty(20).First());
await LoadLoop.RunAsync("warm-up bare", client, $"/bench/bare?p={patient}", connections, TimeSpan.Zero, warmup / 4);
await LoadLoop.RunAsync("warm-up timeline", client, $"/patients/{patient}", connections, TimeSpan.Zero, warmup * 3 / 4);
Console.WriteLine($"HapModular timeline benchmark: {Environment.ProcessorCount} cores, {connections} connections, {seconds} s per run, 200-document patient, CheckAccess {(realConsent ? "real (Consent + Identity)" : "scripted")}");
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

await ((Xunit.IAsyncLifetime)host).DisposeAsync();
