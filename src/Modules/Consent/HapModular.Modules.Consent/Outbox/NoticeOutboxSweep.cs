using Hangfire;
using HapModular.Modules.Consent.Storage;
using Marten;
using Microsoft.Extensions.Hosting;

namespace HapModular.Modules.Consent.Outbox;

/// <summary>
/// Re-publishes notices still pending after <see cref="Grace"/> (the request that staged them crashed or its publish
/// failed). The grace period keeps the sweep from racing the request's own delivery; a race would still be harmless.
/// </summary>
internal sealed class NoticeOutboxSweep(IConsentStore store, NoticeOutbox outbox, TimeProvider time)
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <summary>Bounded per run so one slow minute cannot grow into an unbounded job; the next run takes the rest.</summary>
    private const int BatchSize = 200;

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var due = time.GetUtcNow() - Grace;
        IReadOnlyList<PendingNotice> pending;
        await using (var session = store.QuerySession())
        {
            pending = await session.Query<PendingNotice>().Where(n => n.CreatedAt <= due).OrderBy(n => n.CreatedAt).Take(BatchSize).ToListAsync(cancellationToken);
        }

        var delivered = 0;
        foreach (var notice in pending)
        {
            delivered += await outbox.DeliverAsync(notice.Notice, cancellationToken) ? 1 : 0;
        }

        return delivered;
    }
}

/// <summary>Schedules the sweep every minute as a Hangfire recurring job without arguments.</summary>
internal sealed class NoticeOutboxSchedule(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<NoticeOutboxSweep>("consent-notice-outbox", sweep => sweep.RunAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
