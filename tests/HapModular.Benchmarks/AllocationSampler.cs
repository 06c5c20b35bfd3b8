using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace HapModular.Benchmarks;

/// <summary>
/// <c>--diagnose</c>: which types a request allocates, sampled by the runtime's own AllocationTick event (one event per
/// ~100 KB allocated, naming the type of the allocation that crossed the mark), printed as KiB per request. Why: the
/// bench counts the bytes precisely but not what they are; the types point at the code that allocates them (an Autofac
/// resolve operation, a row's strings, Razor's buffers) without a profiler attached.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int GcKeyword = 0x1;
    private readonly ConcurrentDictionary<string, long> bytes = new(StringComparer.Ordinal);
    private volatile bool recording;

    public void Start()
    {
        bytes.Clear();
        recording = true;
    }

    public void Print(long requests, int top)
    {
        recording = false;
        var total = bytes.Values.Sum();
        Console.WriteLine($"Allocations sampled (AllocationTick), KiB per request by type (top {top}; sampled total {total / 1024.0 / requests:F0} KiB/req):");
        foreach (var (type, sum) in bytes.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine($"  {sum / 1024.0 / requests,7:F1}  {type}");
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!recording || e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null || e.PayloadNames is null)
        {
            return;
        }

        var type = e.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], System.Globalization.CultureInfo.InvariantCulture)
            : e.PayloadNames.IndexOf("AllocationAmount") is var b and >= 0 ? Convert.ToInt64(e.Payload[b], System.Globalization.CultureInfo.InvariantCulture) : 0;
        bytes.AddOrUpdate(type, amount, (_, v) => v + amount);
    }
}
