using System.Diagnostics.Tracing;

/// <summary>
/// When the tiered JIT's background worker has drained its queue: the runtime's TieredCompilationBackgroundJitStart and
/// ...Stop events (CompilationKeyword), followed from the start, so that a worker already idle is known to be. The bench
/// waits for it after the server rows, which leave hundreds of hot methods to re-compile beside the first page.
/// </summary>
internal sealed class TieringWatch : EventListener
{
    private const long CompilationKeyword = 0x1000000000;
    private readonly Lock gate = new();
    private bool running;
    private long recompiled;
    private TaskCompletionSource? idle;

    /// <summary>How many times the worker started since this listener did.</summary>
    public int Runs { get; private set; }

    /// <summary>Completes when the worker is idle (at once if it is), with the methods it re-compiled meanwhile.</summary>
    public Task<long> IdleAsync()
    {
        lock (gate)
        {
            recompiled = 0;
            if (!running)
            {
                return Task.FromResult(0L);
            }

            idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return idle.Task.ContinueWith(_ => Interlocked.Read(ref recompiled), TaskScheduler.Default);
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
        lock (gate)
        {
            if (e.EventName == "TieredCompilationBackgroundJitStart")
            {
                running = true;
                Runs++;
            }
            else if (e.EventName == "TieredCompilationBackgroundJitStop" && e.Payload is { Count: > 2 } p)
            {
                recompiled += Convert.ToInt64(p[2], System.Globalization.CultureInfo.InvariantCulture);
                if (Convert.ToInt64(p[1], System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    running = false;
                    idle?.TrySetResult();
                }
            }
        }
    }
}
