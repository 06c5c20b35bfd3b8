using Autofac;
using Hangfire;
using Hangfire.Storage;
using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Consent.Outbox;
using HapModular.Modules.Consent.Storage;
using Marten;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Modules.Consent.Tests;

/// <summary>
/// R8 "never lost": the notice commits with its event (outbox) and the minutely sweep delivers what the request could
/// not. Letters are counted in the real Notifications table, since the whole host runs.
/// </summary>
public sealed class NoticeOutboxTests(NoticeOutboxTests.OutboxFactory factory) : IClassFixture<NoticeOutboxTests.OutboxFactory>
{
    [Fact]
    public async Task A_committed_link_leaves_no_pending_notice_and_exactly_one_letter_keyed_by_the_stream_version()
    {
        var s = new Scenario(factory);
        var linkId = await s.LinkedAsync();

        Assert.Empty(await PendingAsync(s.PatientId));
        Assert.Equal(1, await LettersAsync($"{linkId}:3"));
        Assert.Equal(2, await LettersOfPatientAsync(s.PatientId));
    }

    [Fact]
    public async Task A_notice_whose_publish_fails_after_the_commit_is_delivered_by_the_sweep_once()
    {
        var s = new Scenario(factory);
        await s.GiveConsentAsync();
        factory.Notices.FailNext(1);

        var result = await s.DeclareAsync();

        // The physician's change is committed and reported as done; only the letter waits.
        Assert.Equal(Pages.Links.Declare.DeclareLinkOutcome.Activated, result.Outcome);
        Assert.Single(await PendingAsync(s.PatientId));
        Assert.Equal(0, await SweepAsync());
        factory.Time.Advance(NoticeOutboxSweep.Grace + TimeSpan.FromSeconds(1));

        Assert.True(await SweepAsync() >= 1);
        Assert.Equal(0, await SweepAsync());

        Assert.Empty(await PendingAsync(s.PatientId));
        Assert.Equal(1, await LettersAsync($"{result.LinkId}:3"));
        Assert.Equal(1, await LetterJobsAsync($"{result.LinkId}:3"));
    }

    [Fact]
    public async Task A_notice_committed_before_a_crash_is_delivered_once_however_often_it_is_swept_or_published()
    {
        var patientId = Guid.NewGuid();
        var now = factory.Time.GetUtcNow();
        var notice = new PatientNoticeRequested($"{Guid.NewGuid()}:1", PatientNoticeKind.ConsentChanged, patientId, now, ConsentStatus: "given");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // What a request that crashed right after its commit leaves behind: the pending notice and no publish.
            await using var session = scope.ServiceProvider.GetRequiredService<IConsentStore>().LightweightSession();
            scope.ServiceProvider.GetRequiredService<NoticeOutbox>().Stage(session, notice);
            await session.SaveChangesAsync();
        }

        Assert.Equal(0, await LettersAsync(notice.EventKey));
        factory.Time.Advance(TimeSpan.FromMinutes(2));

        await Task.WhenAll(SweepAsync(), SweepAsync());
        await SweepAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(notice);
        }

        Assert.Empty(await PendingAsync(patientId));
        Assert.Equal(1, await LettersAsync(notice.EventKey));
        Assert.Equal(1, await LetterJobsAsync(notice.EventKey));
    }

    [Fact]
    public void The_sweep_is_scheduled_every_minute()
    {
        _ = factory.Server;
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();

        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == "consent-notice-outbox");
        Assert.Equal(Cron.Minutely(), job.Cron);
        Assert.Equal(typeof(NoticeOutboxSweep), job.Job.Type);
    }

    private async Task<int> SweepAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NoticeOutboxSweep>().RunAsync(CancellationToken.None);
    }

    private async Task<IReadOnlyList<PendingNotice>> PendingAsync(Guid patientId)
    {
        await using var session = factory.Services.GetRequiredService<IConsentStore>().QuerySession();
        return await session.Query<PendingNotice>().Where(n => n.Notice.PatientId == patientId).ToListAsync();
    }

    private Task<long> LettersAsync(string eventKey) => CountAsync("SELECT count(*) FROM notifications.letters WHERE event_key = $1", eventKey);

    private Task<long> LettersOfPatientAsync(Guid patientId) => CountAsync("SELECT count(*) FROM notifications.letters WHERE patient_id = $1", patientId);

    /// <summary>Rendering jobs queued for the letter of this event (the letter id is in the job's arguments).</summary>
    private Task<long> LetterJobsAsync(string eventKey) => CountAsync(
        "SELECT count(*) FROM hangfire.job j JOIN notifications.letters l ON j.arguments::text LIKE '%' || l.id::text || '%' WHERE l.event_key = $1", eventKey);

    private async Task<long> CountAsync(string sql, object value)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(value);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The Consent host plus a notice handler that fails on demand, like a database blip during the publish.</summary>
    public sealed class OutboxFactory : ConsentFactory
    {
        public FlakyNoticeHandler Notices { get; } = new();

        protected override void ConfigureTestContainer(ContainerBuilder builder)
        {
            base.ConfigureTestContainer(builder);
            builder.RegisterInstance(Notices).As<INotificationHandler<PatientNoticeRequested>>();
        }
    }

    public sealed class FlakyNoticeHandler : INotificationHandler<PatientNoticeRequested>
    {
        private int failuresLeft;

        public void FailNext(int times) => Volatile.Write(ref failuresLeft, times);

        public Task Handle(PatientNoticeRequested notification, CancellationToken cancellationToken) =>
            Interlocked.Decrement(ref failuresLeft) >= 0 ? throw new InvalidOperationException("publish failed (test)") : Task.CompletedTask;
    }
}
