using HapModular.Modules.Notifications.Letters.Storage;
using Npgsql;

namespace HapModular.Modules.Notifications.Letters.AccessCodes;

/// <summary>Access codes by letter: one per letter, replaced if a failed rendering is retried (its code was never printed).</summary>
internal sealed class AccessCodeStore(LetterDatabase database)
{
    public static async Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid letterId, Guid patientId, string code, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO notifications.access_codes (letter_id, patient_id, purpose, code_hash, expires_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (letter_id) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at,
                failed_attempts = 0, locked_until = NULL
            """, connection, transaction);
        command.Parameters.AddWithValue(letterId);
        command.Parameters.AddWithValue(patientId);
        command.Parameters.AddWithValue(AccessCode.Purpose);
        command.Parameters.AddWithValue(AccessCode.Hash(code));
        command.Parameters.AddWithValue(expiresAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A valid, unexpired report code: its letter, its patient and until when it is locked (if it is).</summary>
    public async Task<StoredCode?> FindAsync(string code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT letter_id, patient_id, locked_until FROM notifications.access_codes WHERE code_hash = $1 AND purpose = $2 AND expires_at > $3");
        command.Parameters.AddWithValue(AccessCode.Hash(code));
        command.Parameters.AddWithValue(AccessCode.Purpose);
        command.Parameters.AddWithValue(now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredCode(reader.GetGuid(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2))
            : null;
    }

    /// <summary>
    /// Counts one wrong birth date; the attempt that reaches <paramref name="attempts"/> locks the code until
    /// <paramref name="lockedUntil"/> and starts the count again (counted in one statement: parallel guesses each count).
    /// </summary>
    public async Task CountFailureAsync(Guid letterId, int attempts, DateTimeOffset lockedUntil, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            UPDATE notifications.access_codes
               SET failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
                   locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN $3 ELSE locked_until END
             WHERE letter_id = $1
            """);
        command.Parameters.AddWithValue(letterId);
        command.Parameters.AddWithValue(attempts);
        command.Parameters.AddWithValue(lockedUntil);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The right birth date: earlier mistakes are forgiven.</summary>
    public async Task ResetFailuresAsync(Guid letterId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "UPDATE notifications.access_codes SET failed_attempts = 0 WHERE letter_id = $1 AND failed_attempts <> 0");
        command.Parameters.AddWithValue(letterId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>An access code as stored: never the code itself.</summary>
internal sealed record StoredCode(Guid LetterId, Guid PatientId, DateTimeOffset? LockedUntil);
