using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

/// <summary>
/// The bench's --jit option: which methods the JIT compiles in this process (the runtime's MethodJittingStarted events)
/// while it listens, grouped by the first two parts of the declaring type's namespace — what ReadyToRun left to the JIT
/// on the first page (generic instantiations over other assemblies' types, dynamic methods, lambdas of expression trees).
/// </summary>
internal sealed class JitWatch : EventListener
{
    private const int MethodJittingStarted = 145;
    private readonly ConcurrentQueue<string> _methods = new();
    private volatile bool _listening;

    public void Start() => _listening = true;

    /// <summary>Every method compiled while listening, in order (the --jit-list file).</summary>
    public IReadOnlyList<string> Methods => [.. _methods];

    public IReadOnlyList<string> Stop(int top)
    {
        _listening = false;
        return _methods.GroupBy(Group).OrderByDescending(g => g.Count()).Take(top)
            .Select(g => $"{g.Count(),5}  {g.Key}   e.g. {g.First()}").ToList();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x10); // JIT keyword
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (_listening && e.EventId == MethodJittingStarted && e.Payload is { Count: > 5 } p)
        {
            _methods.Enqueue($"{p[4]}::{p[5]}");
        }
    }

    private static string Group(string method)
    {
        var type = method[..method.IndexOf("::", StringComparison.Ordinal)];
        var generic = type.IndexOfAny(['[', '`']);
        var parts = (generic > 0 ? type[..generic] : type).Split('.');
        return (type.StartsWith("(dynamicClass)", StringComparison.Ordinal) ? "(dynamic)" : string.Join('.', parts.Take(2))) + (generic > 0 ? " (generic)" : string.Empty);
    }
}
