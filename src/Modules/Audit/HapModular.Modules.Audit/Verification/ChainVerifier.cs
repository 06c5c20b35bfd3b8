using HapModular.Modules.Audit.AppendRecord;
using HapModular.Modules.Audit.Storage;
using Npgsql;

namespace HapModular.Modules.Audit.Verification;

/// <summary>The verification's answer: intact, or the first record whose link is broken and why.</summary>
internal sealed record ChainVerification(bool Intact, long Checked, long? FirstBrokenSequence, string? Problem);

/// <summary>
/// Walks the chain in order, recomputing every hash from the previous one: the first record whose stored
/// previous-hash, own hash or position does not match is reported. Streams rows, so millions cost no memory.
/// </summary>
internal sealed class ChainVerifier(AuditDatabase database)
{
    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT seq, at, action, outcome, actor_user_id, actor_name, actor_inami, client_address, patient_id, document_id,
                   document_title, purpose, reason, link_or_grant_id, prev_hash, hash
            FROM audit.records ORDER BY seq
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var previous = AuditHash.Genesis;
        long expected = 1;
        long count = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new AuditRow(
                reader.GetInt64(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                reader.GetString(3),
                Guid(reader, 4),
                Text(reader, 5),
                Text(reader, 6),
                Text(reader, 7),
                Guid(reader, 8),
                Guid(reader, 9),
                Text(reader, 10),
                Text(reader, 11),
                Text(reader, 12),
                Guid(reader, 13));
            var storedPrevious = reader.GetString(14);
            var storedHash = reader.GetString(15);
            if (row.Sequence != expected)
            {
                return new ChainVerification(false, count, expected, $"record {expected} is missing (next found: {row.Sequence})");
            }

            if (!string.Equals(storedPrevious, previous, StringComparison.Ordinal))
            {
                return new ChainVerification(false, count, row.Sequence, "its previous-hash does not match the record before it");
            }

            var computed = AuditHash.Compute(previous, row);
            if (!string.Equals(computed, storedHash, StringComparison.Ordinal))
            {
                return new ChainVerification(false, count, row.Sequence, "its content does not match its hash");
            }

            previous = storedHash;
            expected++;
            count++;
        }

        return new ChainVerification(true, count, null, null);
    }

    private static Guid? Guid(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetGuid(i);

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
