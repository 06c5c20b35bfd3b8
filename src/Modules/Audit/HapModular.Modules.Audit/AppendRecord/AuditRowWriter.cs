using HapModular.Modules.Audit.Chain;
using Npgsql;

namespace HapModular.Modules.Audit.AppendRecord;

/// <summary>The INSERT of one audit row (the application has no UPDATE or DELETE path, and the database refuses both).</summary>
internal static class AuditRowWriter
{
    // Four positional parameters: the sequence, the time, the row's texts as one text[] and its ids as one uuid[], each
    // column taking its element ($3[i], $4[i]; a null element is a NULL column). Why: one Npgsql parameter per column
    // (seventeen) was ~3.9 KiB per appended row with its command, the largest single share of a page's allocations after
    // the timeline's own rows (issue 15); two arrays carry the same values. Positional, with a stable text and parameter
    // types, so Npgsql never rewrites the statement and it stays prepared on the audit connection.
    private const string Values = "$1, $2, $3[1], $3[2], $4[1], $3[3], $3[4], $3[5], $4[2], $4[3], $3[6], $3[7], $3[8], $4[4], $3[9], $3[10], $3[11]";

    private const string Insert = $"""
        INSERT INTO audit.records (seq, at, action, outcome, actor_user_id, actor_name, actor_inami, client_address,
            patient_id, document_id, document_title, purpose, reason, link_or_grant_id, prev_hash, hash, key_id)
        VALUES ({Values})
        """;

    // The same row, inserted only if the chain's head is still the record it links to ($3[9], its previous hash): when
    // another host appended meanwhile nothing is inserted (0 rows), and the appender starts over from the real head.
    private const string InsertAfterHead = $"""
        INSERT INTO audit.records (seq, at, action, outcome, actor_user_id, actor_name, actor_inami, client_address,
            patient_id, document_id, document_title, purpose, reason, link_or_grant_id, prev_hash, hash, key_id)
        SELECT {Values}
        WHERE (SELECT h.hash FROM audit.records h ORDER BY h.seq DESC LIMIT 1) = $3[9]
        """;

    /// <summary>The INSERT of <paramref name="row"/>; <paramref name="ifHead"/>: only while <paramref name="previousHash"/> is the chain's head.</summary>
    public static NpgsqlBatchCommand Command(AuditRow row, string previousHash, string hash, string keyId, bool ifHead = false)
    {
        var insert = new NpgsqlBatchCommand(ifHead ? InsertAfterHead : Insert);
        var p = insert.Parameters;
        p.Add(new NpgsqlParameter<long> { TypedValue = row.Sequence });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.At });
        p.Add(new NpgsqlParameter<string?[]>
        {
            TypedValue =
            [
                row.Action, row.Outcome, row.ActorName, row.ActorInami, row.ClientAddress, row.DocumentTitle, row.Purpose, row.Reason,
                previousHash, hash, keyId,
            ],
        });
        p.Add(new NpgsqlParameter<Guid?[]> { TypedValue = [row.ActorUserId, row.PatientId, row.DocumentId, row.LinkOrGrantId] });
        return insert;
    }
}
