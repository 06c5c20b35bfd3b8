using System.Globalization;
using System.Text.Json;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;
using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Notifications.Letters.Queue;
using HapModular.Modules.Notifications.Letters.Rendering;
using HapModular.Modules.Notifications.Tests.Email;
using HapModular.Modules.Records.Contracts;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Modules.Notifications.Tests.Letters;

/// <summary>
/// R8 "never lost, never twice": the minutely sweep queues the rendering job of letters left without a live job, and
/// leaves alone those whose job is queued or waiting for a retry. No job server runs: the test runs the job as a worker
/// would, and counts letters, access codes and e-mails in the real tables (the real e-mail channel is used).
/// </summary>
[Collection(EmailChannelCollection.Name)]
public sealed class LetterSweepTests(LetterSweepTests.SweepFactory factory) : IClassFixture<LetterSweepTests.SweepFactory>
{
    private static int sequence = 400;

    [Fact]
    public async Task A_letter_row_left_without_a_job_is_rendered_and_emailed_once_by_the_sweep()
    {
        var notice = Notice(await RegisterAsync("Hélène", "Dumont"));
        var letterId = PatientNoticeRequestedHandler.LetterIdOf(notice.EventKey);
        // What a crash between the handler's insert and its enqueue leaves behind: the row, no job.
        await ExecuteAsync(
            "INSERT INTO notifications.letters (id, event_key, kind, patient_id, notice, created_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)",
            letterId, notice.EventKey, notice.Kind.ToString(), notice.PatientId, JsonSerializer.Serialize(notice), factory.Time.GetUtcNow());

        Assert.Equal(0, await SweepAsync());
        factory.Time.Advance(LetterSweep.Grace + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await SweepAsync());
        Assert.Equal(0, await SweepAsync());

        await RunLetterJobAsync(letterId);
        Assert.Equal(0, await SweepAsync());

        Assert.Equal(1, await CountAsync("SELECT count(*) FROM notifications.letters WHERE id = $1 AND pdf IS NOT NULL AND completed_at IS NOT NULL", letterId));
        Assert.Equal(1, await JobsOfAsync(letterId));
        Assert.Equal(1, await EmailsOfAsync(letterId));
    }

    [Fact]
    public async Task A_second_enqueue_while_a_retry_is_pending_gives_one_letter_and_one_email()
    {
        var notice = Notice(await RegisterAsync("Paul", "Lambert"));
        var letterId = PatientNoticeRequestedHandler.LetterIdOf(notice.EventKey);
        await PublishAsync(notice);
        var firstJob = await JobIdOfAsync(letterId);
        // The first attempt failed and Hangfire waits before the retry: the job is still in flight.
        JobClient.ChangeState(firstJob, new ScheduledState(TimeSpan.FromMinutes(10)));
        factory.Time.Advance(LetterSweep.Grace + TimeSpan.FromSeconds(1));

        Assert.Equal(0, await SweepAsync());

        // A duplicate job anyway (a second host, a manual requeue): the retry and the duplicate both run, even at once.
        JobClient.Enqueue<LetterJob>(job => job.RunAsync(letterId, CancellationToken.None));
        await Task.WhenAll(RunLetterJobAsync(letterId), RunLetterJobAsync(letterId));
        await RunLetterJobAsync(letterId);

        Assert.Equal(1, await CountAsync("SELECT count(*) FROM notifications.letters WHERE patient_id = $1 AND pdf IS NOT NULL", notice.PatientId));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM notifications.access_codes WHERE letter_id = $1", letterId));
        Assert.Equal(1, await EmailsOfAsync(letterId));
        Assert.Equal(0, await SweepAsync());
    }

    [Fact]
    public async Task A_letter_whose_job_gave_up_is_queued_again_once()
    {
        var notice = Notice(await RegisterAsync("Anne", "Collin"));
        var letterId = PatientNoticeRequestedHandler.LetterIdOf(notice.EventKey);
        await PublishAsync(notice);
        var firstJob = await JobIdOfAsync(letterId);
        using (var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            // Ten attempts spent, so AutomaticRetry lets the failure stand instead of scheduling an eleventh.
            connection.SetJobParameter(firstJob, "RetryCount", SerializationHelper.Serialize(10));
        }

        JobClient.ChangeState(firstJob, new FailedState(new InvalidOperationException("retries exhausted (test)")));
        using (var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            Assert.Equal(FailedState.StateName, connection.GetStateData(firstJob).Name);
        }

        factory.Time.Advance(LetterSweep.Grace + TimeSpan.FromSeconds(1));

        Assert.Equal(1, await SweepAsync());
        Assert.Equal(0, await SweepAsync());
        await RunLetterJobAsync(letterId);

        Assert.Equal(2, await JobsOfAsync(letterId));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM notifications.letters WHERE id = $1 AND pdf IS NOT NULL", letterId));
        Assert.Equal(1, await EmailsOfAsync(letterId));
    }

    [Fact]
    public void The_sweep_is_scheduled_every_minute()
    {
        _ = factory.Server;
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();

        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == "notifications-letter-sweep");
        Assert.Equal(Cron.Minutely(), job.Cron);
        Assert.Equal(typeof(LetterSweep), job.Job.Type);
    }

    private IBackgroundJobClient JobClient => factory.Services.GetRequiredService<IBackgroundJobClient>();

    private PatientNoticeRequested Notice(Guid patientId)
    {
        var now = factory.Time.GetUtcNow();
        return new($"{Guid.NewGuid()}:3", PatientNoticeKind.LinkCreated, patientId, now, Guid.NewGuid(), "Dr Jean Dupont", "18334780004", "consultation", now, now.AddMonths(15));
    }

    private async Task<int> SweepAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LetterSweep>().RunAsync(CancellationToken.None);
    }

    private async Task RunLetterJobAsync(Guid letterId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LetterJob>().RunAsync(letterId, CancellationToken.None);
    }

    private async Task PublishAsync(PatientNoticeRequested notice)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(notice);
    }

    private async Task<Guid> RegisterAsync(string first, string last)
    {
        _ = factory.Server;
        var birth = new DateOnly(1968, 4, 12);
        var niss = birth.ToString("yyMMdd", CultureInfo.InvariantCulture) + (2 * Interlocked.Increment(ref sequence)).ToString("000", CultureInfo.InvariantCulture);
        niss += (97 - (long.Parse(niss, CultureInfo.InvariantCulture) % 97)).ToString("00", CultureInfo.InvariantCulture);
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegisterPatient(
            niss, first, last, birth, "F", "fr", ["Rue de Nimy 5", "7000 Mons"], $"{last.ToLowerInvariant()}@example.org", true));
    }

    private async Task<string> JobIdOfAsync(Guid letterId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT job_id FROM notifications.letters WHERE id = $1", connection);
        command.Parameters.AddWithValue(letterId);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private Task<long> JobsOfAsync(Guid letterId) => CountAsync("SELECT count(*) FROM hangfire.job WHERE arguments::text LIKE '%' || $1 || '%'", letterId.ToString());

    private Task<long> EmailsOfAsync(Guid letterId) => CountAsync("SELECT count(*) FROM notifications.email_outbox WHERE idempotency_key = $1", $"letter:{letterId}");

    private async Task<long> CountAsync(string sql, object value)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(value);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.AddWithValue(value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The real host without a job server: jobs stay queued until the test runs them.</summary>
    public sealed class SweepFactory : HapAppFactory;
}
