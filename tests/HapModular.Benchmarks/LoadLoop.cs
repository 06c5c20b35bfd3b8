using System.Diagnostics;

namespace HapModular.Benchmarks;

internal sealed record LoadResult(string Name, int Connections, long Requests, long Errors, double Seconds, double P50Ms, double P99Ms, double HostCpuMs, double PostgresCpuMs, double AllocatedBytes, double NginxCpuMs = 0)
{
    public double Throughput => Requests / Seconds;

    /// <summary>CPU spent per request by this process (the hosts; the load client too with --client-in-process) and by
    /// PostgreSQL: unlike throughput, it hardly moves when something else runs on the machine.</summary>
    public override string ToString() =>
        $"{Name,-28} conns={Connections,3}  {Throughput,9:F0} req/s  p50={P50Ms,7:F2} ms  p99={P99Ms,7:F2} ms  errors={Errors}"
        + $"  cpu/req: process {HostCpuMs / Requests:F3} ms + PostgreSQL {PostgresCpuMs / Requests:F3} ms"
        + (NginxCpuMs > 0 ? $" + nginx {NginxCpuMs / Requests:F3} ms" : string.Empty)
        + $"  alloc/req {AllocatedBytes / Requests / 1024:F1} KiB (net of idle {(AllocatedBytes - (LoadLoop.IdleBytesPerSecond * Seconds)) / Requests / 1024:F1} KiB)";
}

/// <summary>A bounded closed loop: N workers, each sending the next request when the previous answered.</summary>
internal static class LoadLoop
{
    /// <summary>
    /// What the process allocates with no request at all (Hangfire's polling, timers, metrics), per second: counted in
    /// every run's allocation, it weighs more per request the slower the run (measured: ~15 KiB per timeline request at
    /// 115 req/s), so a busy machine made a change look worse. Each result also prints its allocation net of it.
    /// </summary>
    public static double IdleBytesPerSecond { get; private set; }

    public static async Task MeasureIdleAsync(TimeSpan duration)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        await Task.Delay(duration);
        IdleBytesPerSecond = (GC.GetTotalAllocatedBytes(precise: true) - before) / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"idle allocation (no request): {IdleBytesPerSecond / 1024:F0} KiB/s");
    }

    public static async Task<LoadResult> RunAsync(string name, HttpClient client, string url, int connections, TimeSpan warmup, TimeSpan duration)
    {
        await Loop(client, url, connections, warmup, null);
        var latencies = new List<double>[connections];
        var errors = new long[connections];
        var before = ServerCounters.Take();
        var watch = Stopwatch.StartNew();
        await Loop(client, url, connections, duration, Recorder(latencies, errors));
        var seconds = watch.Elapsed.TotalSeconds;
        var all = Sorted(latencies);
        return ServerCounters.Take().Since(before, name, connections, all.Length, errors.Sum(), seconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    /// <summary>
    /// The same closed loop run by <see cref="LoadClient"/> in a process of its own: this process's CPU and allocation
    /// are then the server's alone, counted between the client's "measuring" and "done" lines.
    /// </summary>
    public static async Task<LoadResult> RunAsync(string name, LoadClient client, string url, int connections, TimeSpan warmup, TimeSpan duration)
    {
        ServerCounters? before = null;
        ServerCounters? after = null;
        var watch = new Stopwatch();
        var summary = await client.RunAsync(url, connections, warmup, duration, onStart: () =>
        {
            before = ServerCounters.Take();
            watch.Start();
        }, onEnd: () =>
        {
            watch.Stop();
            after = ServerCounters.Take();
        });
        return after!.Since(before!, name, connections, summary.Requests, summary.Errors, watch.Elapsed.TotalSeconds, summary.P50Ms, summary.P99Ms);
    }

    /// <summary>The client side of the closed loop: warm-up, then the measured loop, framed by the two callbacks.</summary>
    public static async Task<(long Requests, long Errors, double P50Ms, double P99Ms)> ClientAsync(HttpClient client, string url, int connections, TimeSpan warmup, TimeSpan duration, Action onStart, Action onEnd)
    {
        await Loop(client, url, connections, warmup, null);
        var latencies = new List<double>[connections];
        var errors = new long[connections];
        onStart();
        await Loop(client, url, connections, duration, Recorder(latencies, errors));
        onEnd();
        var all = Sorted(latencies);
        return (all.Length, errors.Sum(), Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static Action<int, double, bool> Recorder(List<double>[] latencies, long[] errors) => (worker, ms, ok) =>
    {
        (latencies[worker] ??= new List<double>(100_000)).Add(ms);
        if (!ok)
        {
            errors[worker]++;
        }
    };

    private static double[] Sorted(List<double>[] latencies) => latencies.Where(l => l is not null).SelectMany(l => l).Order().ToArray();

    private static Task Loop(HttpClient client, string url, int connections, TimeSpan duration, Action<int, double, bool>? record)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return Task.WhenAll(Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            while (Stopwatch.GetTimestamp() < end)
            {
                var start = Stopwatch.GetTimestamp();
                var ok = false;
                try
                {
                    // The body is read to its end, as a browser does, into one reused buffer: the allocations counted
                    // are the server's, not the load client's copy of each page (that copy was most of what the
                    // client allocated, and the bare read's answer is a few bytes).
                    using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                    await using var body = await response.Content.ReadAsStreamAsync();
                    while (await body.ReadAsync(buffer) > 0)
                    {
                    }

                    ok = response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                }

                record?.Invoke(worker, Stopwatch.GetElapsedTime(start).TotalMilliseconds, ok);
            }
        })));
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
