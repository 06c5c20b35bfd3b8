using System.Collections.Concurrent;
using System.Diagnostics;

namespace HapModular.Benchmarks;

/// <summary>
/// <c>--diagnose</c>: the PostgreSQL round trips a request waits for, counted from Npgsql's own activities (one per
/// command or batch executed: one round trip each), grouped by the start of the statement text. Why: at one connection
/// a request's latency is its CPU plus its round trips, and the server's log lists statements, not which of them
/// travelled together in one batch.
/// </summary>
internal sealed class RoundTrips : IDisposable
{
    private readonly ConcurrentDictionary<string, (int Count, double Ms)> counts = new(StringComparer.Ordinal);
    private readonly ActivityListener listener;

    public RoundTrips()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                var text = a.GetTagItem("db.query.text") as string ?? a.GetTagItem("db.statement") as string ?? a.DisplayName;
                var key = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                var ms = a.Duration.TotalMilliseconds;
                counts.AddOrUpdate(key.Length <= 90 ? key : key[..90] + "…", (1, ms), (_, n) => (n.Count + 1, n.Ms + ms));
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Print(int requests)
    {
        Console.WriteLine($"Npgsql round trips per request ({requests} requests, one at a time): {counts.Values.Sum(c => c.Count) / (double)requests:F1}");
        foreach (var (text, n) in counts.OrderByDescending(p => p.Value.Count))
        {
            // The time from the command's start to its reader's end: the round trip and the reading of its rows.
            Console.WriteLine($"  {n.Count / (double)requests,5:F1} x {n.Ms / n.Count,7:F2} ms  {text}");
        }
    }

    public void Dispose() => listener.Dispose();
}
