using Hangfire;
using Hangfire.States;
using HapModular.Modules.Notifications.Letters.Rendering;
using HapModular.Modules.Notifications.Letters.Storage;
using Microsoft.Extensions.Hosting;

namespace HapModular.Modules.Notifications.Letters.Queue;

/// <summary>
/// R8 "never lost": queues the rendering job again for letters not completed after <see cref="Grace"/> whose job is not
/// in flight — never queued (a crash between the row insert and the enqueue), gone, or given up after its retries.
/// A letter whose job is queued, running or waiting for a retry is left alone. Should two jobs still meet, the letter
/// job is idempotent (the PDF is saved once, the e-mail is keyed by the letter id).
/// </summary>
internal sealed class LetterSweep(LetterDatabase database, IBackgroundJobClient jobs, JobStorage storage, TimeProvider time)
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <summary>Bounded per run; the next minute takes the rest.</summary>
    private const int BatchSize = 200;

    /// <summary>Hangfire states in which the job will still run by itself (Scheduled includes a retry waiting for its delay).</summary>
    private static readonly HashSet<string> InFlight = new(StringComparer.OrdinalIgnoreCase)
    {
        EnqueuedState.StateName, ScheduledState.StateName, ProcessingState.StateName, AwaitingState.StateName,
    };

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var open = await LetterRows.OpenAsync(database, time.GetUtcNow() - Grace, BatchSize, cancellationToken);
        var queued = 0;
        foreach (var (letterId, jobId) in open)
        {
            if (jobId is not null && IsInFlight(jobId))
            {
                continue;
            }

            var newJobId = jobs.Enqueue<LetterJob>(job => job.RunAsync(letterId, CancellationToken.None));
            await LetterRows.SetJobAsync(database, letterId, newJobId, cancellationToken);
            queued++;
        }

        return queued;
    }

    private bool IsInFlight(string jobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(jobId)?.Name is { } state && InFlight.Contains(state);
    }
}

/// <summary>Schedules the sweep every minute as a Hangfire recurring job without arguments.</summary>
internal sealed class LetterSweepSchedule(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<LetterSweep>("notifications-letter-sweep", sweep => sweep.RunAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
