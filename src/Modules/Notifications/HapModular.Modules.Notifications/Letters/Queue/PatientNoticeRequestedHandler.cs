using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hangfire;
using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Notifications.Letters.Rendering;
using HapModular.Modules.Notifications.Letters.Storage;
using MediatR;

namespace HapModular.Modules.Notifications.Letters.Queue;

/// <summary>
/// Records the letter (one row per event key) and enqueues its rendering job with the letter id only. A notice seen
/// twice finds its row already there and enqueues nothing.
/// </summary>
internal sealed class PatientNoticeRequestedHandler(LetterDatabase database, IBackgroundJobClient jobs, TimeProvider time) : INotificationHandler<PatientNoticeRequested>
{
    public async Task Handle(PatientNoticeRequested notification, CancellationToken cancellationToken)
    {
        var letterId = LetterIdOf(notification.EventKey);
        await using var command = database.DataSource.CreateCommand("""
            INSERT INTO notifications.letters (id, event_key, kind, patient_id, notice, created_at)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6)
            ON CONFLICT (event_key) DO NOTHING
            """);
        command.Parameters.AddWithValue(letterId);
        command.Parameters.AddWithValue(notification.EventKey);
        command.Parameters.AddWithValue(notification.Kind.ToString());
        command.Parameters.AddWithValue(notification.PatientId);
        command.Parameters.AddWithValue(JsonSerializer.Serialize(notification));
        command.Parameters.AddWithValue(time.GetUtcNow());
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            // A crash before these two lines leaves a row without a job: LetterSweep queues it after its grace period.
            var jobId = jobs.Enqueue<LetterJob>(job => job.RunAsync(letterId, CancellationToken.None));
            await LetterRows.SetJobAsync(database, letterId, jobId, cancellationToken);
        }
    }

    /// <summary>The letter id is derived from the event key, so it is the same however often the notice comes.</summary>
    public static Guid LetterIdOf(string eventKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("letter:" + eventKey));
        return new Guid(hash.AsSpan(0, 16));
    }
}
