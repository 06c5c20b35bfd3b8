using HapModular.Modules.Audit.Chain;
using Npgsql;
using NpgsqlTypes;

namespace HapModular.Modules.Audit.AppendRecord;

/// <summary>The INSERT of one audit row (the application has no UPDATE or DELETE path, and the database refuses both).</summary>
internal static class AuditRowWriter
{
    // Positional parameters, each with its type even when null: with named ones Npgsql rewrote the statement's text for
    // every row appended (a visible share of a page's allocations), and a stable text and parameter types let the
    // statement stay prepared on the audit connection.
    private const string Insert = """
        INSERT INTO audit.records (seq, at, action, outcome, actor_user_id, actor_name, actor_inami, client_address,
            patient_id, document_id, document_title, purpose, reason, link_or_grant_id, prev_hash, hash, key_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
        """;

    // The same row, inserted only if the chain's head is still the record it links to ($15, its previous hash): when
    // another host appended meanwhile nothing is inserted (0 rows), and the appender starts over from the real head.
    private const string InsertAfterHead = """
        INSERT INTO audit.records (seq, at, action, outcome, actor_user_id, actor_name, actor_inami, client_address,
            patient_id, document_id, document_title, purpose, reason, link_or_grant_id, prev_hash, hash, key_id)
        SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17
        WHERE (SELECT h.hash FROM audit.records h ORDER BY h.seq DESC LIMIT 1) = $15
        """;

    /// <summary>The INSERT of <paramref name="row"/>; <paramref name="ifHead"/>: only while <paramref name="previousHash"/> is the chain's head.</summary>
    public static NpgsqlBatchCommand Command(AuditRow row, string previousHash, string hash, string keyId, bool ifHead = false)
    {
        var insert = new NpgsqlBatchCommand(ifHead ? InsertAfterHead : Insert);
        var p = insert.Parameters;
        p.Add(new NpgsqlParameter<long> { TypedValue = row.Sequence });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.At });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.Action });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.Outcome });
        p.Add(Uuid(row.ActorUserId));
        p.Add(Text(row.ActorName));
        p.Add(Text(row.ActorInami));
        p.Add(Text(row.ClientAddress));
        p.Add(Uuid(row.PatientId));
        p.Add(Uuid(row.DocumentId));
        p.Add(Text(row.DocumentTitle));
        p.Add(Text(row.Purpose));
        p.Add(Text(row.Reason));
        p.Add(Uuid(row.LinkOrGrantId));
        p.Add(new NpgsqlParameter<string> { TypedValue = previousHash });
        p.Add(new NpgsqlParameter<string> { TypedValue = hash });
        p.Add(new NpgsqlParameter<string> { TypedValue = keyId });
        return insert;
    }

    private static NpgsqlParameter Uuid(Guid? value) => new() { NpgsqlDbType = NpgsqlDbType.Uuid, Value = value is { } v ? v : DBNull.Value };

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };
}
