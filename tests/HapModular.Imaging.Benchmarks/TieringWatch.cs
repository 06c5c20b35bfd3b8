using System.Diagnostics.Tracing;

/// <summary>
/// When the tiered JIT's background worker has drained its queue: the runtime's TieredCompilationBackgroundJitStart and
/// ...Stop events (CompilationKeyword), followed from the start, so that a worker already idle is known to be. The bench
/// waits for it after the server rows, which leave hundreds of hot methods to re-compile beside the first page.
/// </summary>
internal sealed class TieringWatch : EventListener
{
    private const long CompilationKeyword = 0x1000000000;
    private readonly object _gate = new();
    private bool _running;
    private long _recompiled;
    private TaskCompletionSource? _idle;

    /// <summary>How many times the worker started since this listener did.</summary>
    public int Runs { get; private set; }

    /// <summary>Completes when the worker is idle (at once if it is), with the methods it re-compiled meanwhile.</summary>
    public Task<long> IdleAsync()
    {
        lock (_gate)
        {
            _recompiled = 0;
            if (!_running)
            {
                return Task.FromResult(0L);
            }

            _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task.ContinueWith(_ => Interlocked.Read(ref _recompiled), TaskScheduler.Default);
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)CompilationKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        lock (_gate)
        {
            if (e.EventName == "TieredCompilationBackgroundJitStart")
            {
                _running = true;
                Runs++;
            }
            else if (e.EventName == "TieredCompilationBackgroundJitStop" && e.Payload is { Count: > 2 } p)
            {
                _recompiled += Convert.ToInt64(p[2], System.Globalization.CultureInfo.InvariantCulture);
                if (Convert.ToInt64(p[1], System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    _running = false;
                    _idle?.TrySetResult();
                }
            }
        }
    }
}
