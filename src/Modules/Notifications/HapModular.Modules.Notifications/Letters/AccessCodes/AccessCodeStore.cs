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
            ON CONFLICT (letter_id) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at
            """, connection, transaction);
        command.Parameters.AddWithValue(letterId);
        command.Parameters.AddWithValue(patientId);
        command.Parameters.AddWithValue(AccessCode.Purpose);
        command.Parameters.AddWithValue(AccessCode.Hash(code));
        command.Parameters.AddWithValue(expiresAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The patient a valid, unexpired report code belongs to.</summary>
    public async Task<Guid?> FindPatientAsync(string code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT patient_id FROM notifications.access_codes WHERE code_hash = $1 AND purpose = $2 AND expires_at > $3");
        command.Parameters.AddWithValue(AccessCode.Hash(code));
        command.Parameters.AddWithValue(AccessCode.Purpose);
        command.Parameters.AddWithValue(now);
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }
}
