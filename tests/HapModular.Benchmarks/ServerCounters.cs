using System.Diagnostics;

namespace HapModular.Benchmarks;

/// <summary>What this process (the hosts, and the load client when it runs inside) and PostgreSQL have spent so far.</summary>
internal sealed record ServerCounters(TimeSpan ProcessCpu, double PostgresMs, double NginxMs, long Allocated)
{
    public static ServerCounters Take() => new(
        Process.GetCurrentProcess().TotalProcessorTime,
        PostgresCpu.TotalMs(),
        PostgresCpu.TotalMs("nginx"),
        // Precise: the imprecise count lags by the threads' unfinished allocation contexts, and at one connection it
        // printed 0 KiB per request.
        GC.GetTotalAllocatedBytes(precise: true));

    public LoadResult Since(ServerCounters before, string name, int connections, long requests, long errors, double seconds, double p50Ms, double p99Ms) => new(
        name, connections, requests, errors, seconds, p50Ms, p99Ms, (ProcessCpu - before.ProcessCpu).TotalMilliseconds, PostgresMs - before.PostgresMs,
        Allocated - before.Allocated, NginxMs - before.NginxMs);
}
