using HapModular.Modules.Audit.Chain;
using HapModular.Modules.Audit.Storage;
using Npgsql;

namespace HapModular.Modules.Audit.Verification;

/// <summary>The verification's answer: intact, or the first problem found and where.</summary>
internal sealed record ChainVerification(bool Intact, long Checked, long? FirstBrokenSequence, string? Problem);

/// <summary>
/// Walks the chain in order, recomputing every keyed hash from the previous one (a record edited and re-hashed without
/// the key fails here), requiring consecutive positions (a deleted record leaves a gap), and comparing it with the
/// signed checkpoints kept outside the table: a checkpointed record that is missing or different means the end was
/// truncated or the database rolled back. Streams rows, so millions cost no memory.
/// </summary>
internal sealed class ChainVerifier(AuditDatabase database, AuditKeys keys, AuditCheckpoints checkpoints)
{
    public async Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var witnessed = checkpoints.ReadAll();
        if (witnessed.FirstOrDefault(c => !c.Genuine) is { } forged)
        {
            return new ChainVerification(false, 0, forged.Sequence, "a checkpoint's signature does not verify: the checkpoint file was altered");
        }

        var expectedAt = witnessed.GroupBy(c => c.Sequence).ToDictionary(g => g.Key, g => g.Last());
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT seq, at, action, outcome, actor_user_id, actor_name, actor_inami, client_address, patient_id, document_id,
                   document_title, purpose, reason, link_or_grant_id, prev_hash, hash, key_id
            FROM audit.records ORDER BY seq
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var previous = AuditHash.Genesis;
        long expected = 1;
        long count = 0;
        var keyed = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = Read(reader);
            if (row.Sequence != expected)
            {
                return new ChainVerification(false, count, expected, $"record {expected} is missing (next found: {row.Sequence}): records were deleted");
            }

            if (!string.Equals(reader.GetString(14), previous, StringComparison.Ordinal))
            {
                return new ChainVerification(false, count, row.Sequence, "its previous-hash does not match the record before it");
            }

            var keyId = reader.IsDBNull(16) ? null : reader.GetString(16);
            if (HashProblem(row, previous, reader.GetString(15), keyId, ref keyed) is { } problem)
            {
                return new ChainVerification(false, count, row.Sequence, problem);
            }

            previous = reader.GetString(15);
            if (expectedAt.TryGetValue(row.Sequence, out var checkpoint) && !string.Equals(checkpoint.Hash, previous, StringComparison.Ordinal))
            {
                return new ChainVerification(false, count, row.Sequence, $"it differs from the record checkpointed at {checkpoint.At}: the chain was rewritten or rolled back");
            }

            expected++;
            count++;
        }

        var last = witnessed.Count == 0 ? null : witnessed.MaxBy(c => c.Sequence);
        return last is not null && last.Sequence >= expected
            ? new ChainVerification(false, count, expected, $"the chain ends at record {expected - 1}, but record {last.Sequence} was checkpointed at {last.At}: its last records were deleted (truncation or rollback)")
            : new ChainVerification(true, count, null, null);
    }

    private string? HashProblem(AuditRow row, string previous, string stored, string? keyId, ref bool keyed)
    {
        if (keyId is null)
        {
            // Before the chain was keyed; never after a keyed record (else anyone could append unkeyed records).
            return keyed
                ? "it has no key id after keyed records: it was not written by the portal"
                : string.Equals(AuditHash.ComputeUnkeyed(previous, row), stored, StringComparison.Ordinal) ? null : "its content does not match its hash";
        }

        keyed = true;
        var key = keys.Find(keyId);
        return key is null
            ? $"it was signed with key {keyId}, which is not configured (Hap:Audit:Key or Hap:Audit:PreviousKeys)"
            : string.Equals(AuditHash.Compute(key, previous, row), stored, StringComparison.Ordinal)
                ? null
                : "its content does not match its keyed hash: it was edited (re-hashing needs the key)";
    }

    private static AuditRow Read(NpgsqlDataReader reader) => new(
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

    private static Guid? Guid(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetGuid(i);

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
