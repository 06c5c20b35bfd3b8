using HapModular.Modules.Notifications.Letters.AccessCodes;

namespace HapModular.Modules.Notifications.Letters.Storage;

/// <summary>Reads and updates letter rows; rendering is saved together with its access code, once.</summary>
internal static class LetterRows
{
    public static async Task<LetterRow?> LoadAsync(LetterDatabase database, Guid letterId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT notice::text, pdf, emailed_at FROM notifications.letters WHERE id = $1");
        command.Parameters.AddWithValue(letterId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new LetterRow(reader.GetString(0), reader.IsDBNull(1) ? null : (byte[])reader[1], reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2))
            : null;
    }

    /// <summary>Stores the PDF and its code in one transaction, unless another run already did (then returns false).</summary>
    public static async Task<bool> SaveRenderedAsync(
        LetterDatabase database, Guid letterId, Guid patientId, byte[] pdf, string code, DateTimeOffset codeExpires, DateOnly batchDate, string language, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var update = new Npgsql.NpgsqlCommand(
            "UPDATE notifications.letters SET pdf = $2, rendered_at = $3, batch_date = $4, language = $5 WHERE id = $1 AND pdf IS NULL", connection, transaction);
        update.Parameters.AddWithValue(letterId);
        update.Parameters.AddWithValue(pdf);
        update.Parameters.AddWithValue(now);
        update.Parameters.AddWithValue(batchDate);
        update.Parameters.AddWithValue(language);
        if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await AccessCodeStore.SaveAsync(connection, transaction, letterId, patientId, code, codeExpires, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public static async Task MarkEmailedAsync(LetterDatabase database, Guid letterId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("UPDATE notifications.letters SET emailed_at = $2 WHERE id = $1");
        command.Parameters.AddWithValue(letterId);
        command.Parameters.AddWithValue(now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Remembers the rendering job just queued, so the sweep can tell a letter in flight from a lost one.</summary>
    public static async Task SetJobAsync(LetterDatabase database, Guid letterId, string jobId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("UPDATE notifications.letters SET job_id = $2 WHERE id = $1");
        command.Parameters.AddWithValue(letterId);
        command.Parameters.AddWithValue(jobId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task MarkCompletedAsync(LetterDatabase database, Guid letterId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("UPDATE notifications.letters SET completed_at = $2 WHERE id = $1 AND completed_at IS NULL");
        command.Parameters.AddWithValue(letterId);
        command.Parameters.AddWithValue(now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Letters created before <paramref name="before"/> whose job has not completed, oldest first, with their last job id.</summary>
    public static async Task<IReadOnlyList<(Guid LetterId, string? JobId)>> OpenAsync(LetterDatabase database, DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT id, job_id FROM notifications.letters WHERE completed_at IS NULL AND created_at <= $1 ORDER BY created_at LIMIT $2");
        command.Parameters.AddWithValue(before);
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var open = new List<(Guid, string?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            open.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return open;
    }
}

internal sealed record LetterRow(string NoticeJson, byte[]? Pdf, DateTimeOffset? EmailedAt);
