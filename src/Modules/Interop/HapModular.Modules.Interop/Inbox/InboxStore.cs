using HapModular.Modules.Interop.Storage;
using Npgsql;

namespace HapModular.Modules.Interop.Inbox;

/// <summary>Reads and writes <c>interop.messages</c>; each call is one statement on an index.</summary>
internal sealed class InboxStore(InteropDatabase database, TimeProvider time)
{
    private const string Columns = "id, source, sender, message_key, blob_sha256, size, received_at, status, reason, patient_id, document_id, attempts";

    /// <summary>Keeps a new message, or returns the one already kept under the same (source, key): a resend.</summary>
    public async Task<(InboundMessage Message, bool IsNew)> KeepAsync(string source, string sender, string key, string sha256, long size, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            $"""
            WITH inserted AS (
                INSERT INTO interop.messages (id, source, sender, message_key, blob_sha256, size, received_at, status, updated_at)
                VALUES (@id, @source, @sender, @key, @sha, @size, @now, '{InboundStatus.Received}', @now)
                ON CONFLICT (source, message_key) DO NOTHING
                RETURNING {Columns}, true AS is_new)
            SELECT * FROM inserted
            UNION ALL
            SELECT {Columns}, false FROM interop.messages WHERE source = @source AND message_key = @key
            LIMIT 1
            """);
        command.Parameters.AddWithValue("id", Guid.NewGuid());
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("sender", sender);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("sha", sha256);
        command.Parameters.AddWithValue("size", size);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            // A concurrent resend committed between the two halves of the statement.
            await reader.DisposeAsync();
            return (await FindAsync(source, key, cancellationToken) ?? throw new InvalidOperationException("Inbound message vanished."), false);
        }

        return (Read(reader), reader.GetBoolean(12));
    }

    public async Task<InboundMessage?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {Columns} FROM interop.messages WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return await ReadOneAsync(command, cancellationToken);
    }

    public async Task<InboundMessage?> FindAsync(string source, string key, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {Columns} FROM interop.messages WHERE source = @s AND message_key = @k");
        command.Parameters.AddWithValue("s", source);
        command.Parameters.AddWithValue("k", key);
        return await ReadOneAsync(command, cancellationToken);
    }

    /// <summary>Records the outcome of a filing attempt (and counts the attempt).</summary>
    public async Task SetStatusAsync(Guid id, string status, string? reason, Guid? patientId, Guid? documentId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            """
            UPDATE interop.messages SET status = @status, reason = @reason, patient_id = @patient, document_id = @document,
                attempts = attempts + 1, updated_at = @now
            WHERE id = @id
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("reason", (object?)reason ?? DBNull.Value);
        command.Parameters.AddWithValue("patient", (object?)patientId ?? DBNull.Value);
        command.Parameters.AddWithValue("document", (object?)documentId ?? DBNull.Value);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>An administrator's decision on a held or dead message: only from those statuses.</summary>
    public async Task<bool> ResolveAsync(Guid id, string newStatus, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            $"UPDATE interop.messages SET status = @status, updated_at = @now WHERE id = @id AND status IN ('{InboundStatus.Held}', '{InboundStatus.Dead}')");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("status", newStatus);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Counts per (source, status).</summary>
    public async Task<IReadOnlyDictionary<(string Source, string Status), int>> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT source, status, count(*) FROM interop.messages GROUP BY source, status");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<(string, string), int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[(reader.GetString(0), reader.GetString(1))] = (int)reader.GetInt64(2);
        }

        return counts;
    }

    /// <summary>The newest messages in these statuses (the held and dead-letter lists).</summary>
    public async Task<IReadOnlyList<InboundMessage>> ListAsync(string[] statuses, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {Columns} FROM interop.messages WHERE status = ANY(@s) ORDER BY received_at DESC LIMIT @l");
        command.Parameters.AddWithValue("s", statuses);
        command.Parameters.AddWithValue("l", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<InboundMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    private static async Task<InboundMessage?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
        }
    }

    private static InboundMessage Read(NpgsqlDataReader r) => new(
        r.GetGuid(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        r.GetString(4),
        r.GetInt64(5),
        r.GetFieldValue<DateTimeOffset>(6),
        r.GetString(7),
        r.IsDBNull(8) ? null : r.GetString(8),
        r.IsDBNull(9) ? null : r.GetGuid(9),
        r.IsDBNull(10) ? null : r.GetGuid(10),
        r.GetInt32(11));
}
