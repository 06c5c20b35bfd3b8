using System.Collections.Concurrent;
using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Records.Storage;
using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Records.Access;

/// <summary>
/// Imaging audit at the granularity the standards use (IHE BALP, DICOM audit): one record when a physician opens a
/// study (who, patient, study UID, purpose, how: browser or DICOMweb client), then one record per retrieve burst
/// — every image retrieved within the window (default 5 minutes, <c>Records:ImagingAuditWindowMinutes</c>) — sealed
/// with the number of images when the window ends, instead of one record per frame or thumbnail. The open burst lives
/// in <c>records.imaging_bursts</c> (written before any image is served), so a restart loses nothing: the sealer picks
/// it up. Only allowed imaging requests come here; every refusal keeps its own record.
/// </summary>
internal sealed class ImagingAuditBursts(RecordsDatabase database, TimeProvider time, IConfiguration configuration)
{
    public const string OpenAction = "imaging-open";
    public const string RetrieveAction = "imaging-retrieve";

    private readonly ConcurrentDictionary<string, Burst> open = new(StringComparer.Ordinal);

    public TimeSpan Window => TimeSpan.FromMinutes(configuration.GetValue("Records:ImagingAuditWindowMinutes", 5.0));

    /// <summary>Joins the open burst of (user, patient, study, channel), or opens one: true when it was opened now.</summary>
    public async Task<Guid?> JoinAsync(BurstOwner owner, Guid patientId, string studyUid, string channel, CancellationToken cancellationToken)
    {
        var key = $"{owner.UserId:N}|{patientId:N}|{studyUid}|{channel}";
        var now = time.GetUtcNow();
        if (open.TryGetValue(key, out var known) && known.StartedAt + Window > now)
        {
            return null;
        }

        await using var command = database.DataSource.CreateCommand("""
            SELECT id, started_at FROM records.imaging_bursts
            WHERE user_id = @u AND patient_id = @p AND study_uid = @s AND channel = @c AND NOT sealed AND started_at > @since
            ORDER BY started_at DESC LIMIT 1
            """);
        command.Parameters.AddWithValue("u", owner.UserId);
        command.Parameters.AddWithValue("p", patientId);
        command.Parameters.AddWithValue("s", studyUid);
        command.Parameters.AddWithValue("c", channel);
        command.Parameters.AddWithValue("since", now - Window);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                open[key] = new Burst(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1));
                return null;
            }
        }

        var id = Guid.NewGuid();
        await using var insert = database.DataSource.CreateCommand("""
            INSERT INTO records.imaging_bursts (id, user_id, user_name, inami, client, patient_id, study_uid, channel, purpose, link_id, started_at, instances, sealed)
            VALUES (@id, @u, @n, @i, @a, @p, @s, @c, @purpose, @link, @t, '{}', false)
            """);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("u", owner.UserId);
        insert.Parameters.AddWithValue("n", owner.Name);
        insert.Parameters.AddWithValue("i", (object?)owner.Inami ?? DBNull.Value);
        insert.Parameters.AddWithValue("a", (object?)owner.ClientAddress ?? DBNull.Value);
        insert.Parameters.AddWithValue("p", patientId);
        insert.Parameters.AddWithValue("s", studyUid);
        insert.Parameters.AddWithValue("c", channel);
        insert.Parameters.AddWithValue("purpose", (object?)owner.Purpose ?? DBNull.Value);
        insert.Parameters.AddWithValue("link", (object?)owner.LinkOrGrantId ?? DBNull.Value);
        insert.Parameters.AddWithValue("t", now);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        open[key] = new Burst(id, now);
        return id;
    }

    /// <summary>Adds the images served (SOP UIDs) and the study's title to the open burst, before they are sent.</summary>
    public async Task AddAsync(BurstOwner owner, Guid patientId, string studyUid, string channel, string? title, IReadOnlyCollection<string> instances, CancellationToken cancellationToken)
    {
        var key = $"{owner.UserId:N}|{patientId:N}|{studyUid}|{channel}";
        if (!open.TryGetValue(key, out var burst))
        {
            return;
        }

        var fresh = instances.Where(i => burst.Instances.TryAdd(i, 0)).ToArray();
        if (fresh.Length == 0 && (title is null || burst.Titled))
        {
            return;
        }

        burst.Titled |= title is not null;
        await using var update = database.DataSource.CreateCommand("""
            UPDATE records.imaging_bursts SET instances = ARRAY(SELECT DISTINCT unnest(instances || @new)), title = COALESCE(title, @title) WHERE id = @id
            """);
        update.Parameters.AddWithValue("new", fresh);
        update.Parameters.AddWithValue("title", (object?)title ?? DBNull.Value);
        update.Parameters.AddWithValue("id", burst.Id);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The bursts whose window ended: their records, to append; then <see cref="MarkSealedAsync"/>.</summary>
    public async Task<IReadOnlyList<(Guid Id, RecordAudit Record)>> DueAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT id, user_id, user_name, inami, client, patient_id, study_uid, channel, purpose, link_id, title, cardinality(instances)
            FROM records.imaging_bursts WHERE NOT sealed AND started_at <= @due ORDER BY started_at LIMIT 500
            """);
        command.Parameters.AddWithValue("due", time.GetUtcNow() - Window);
        var due = new List<(Guid, RecordAudit)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            var count = reader.GetInt32(11);
            // "CT|20260922|7": the report writes it in the reader's language ("imagerie : scanner du 22/09/2026 (7 images)").
            var title = $"{Text(10) ?? "|"}|{count}";
            due.Add((reader.GetGuid(0), new RecordAudit(
                RetrieveAction, AuditOutcome.Allowed, reader.GetGuid(1), Text(2), Text(3), Text(4), reader.GetGuid(5), null, title, Text(8),
                $"{Text(7)}; study {reader.GetString(6)}; {count} image(s)", reader.IsDBNull(9) ? null : reader.GetGuid(9))));
        }

        return due;
    }

    public async Task MarkSealedAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("UPDATE records.imaging_bursts SET sealed = true WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
        foreach (var (key, burst) in open)
        {
            if (burst.Id == id)
            {
                open.TryRemove(key, out _);
            }
        }
    }

    private sealed class Burst(Guid id, DateTimeOffset startedAt)
    {
        public Guid Id { get; } = id;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public ConcurrentDictionary<string, byte> Instances { get; } = new(StringComparer.Ordinal);

        public bool Titled { get; set; }
    }
}

/// <summary>Who the burst is for, as the guard established it.</summary>
internal sealed record BurstOwner(Guid UserId, string Name, string? Inami, string? ClientAddress, string? Purpose, Guid? LinkOrGrantId);
