using HapModular.Modules.Audit.Chain;
using Npgsql;

namespace HapModular.Modules.Audit.AppendRecord;

/// <summary>
/// The INSERTs of audit rows (the application has no UPDATE or DELETE path, and the database refuses both). Made once
/// and filled again for every batch: the appender is the chain's one writer on this host, and a command's values are
/// only read while its batch executes. Why: a host serving one request at a time wrote each row with a new command, four
/// new parameters and their arrays — most of what a page allocated beyond the pages served while others wait (issue 15).
/// Not thread-safe: used by the appender's writer loop only.
/// </summary>
internal sealed class AuditRowWriter
{
    // Four positional parameters: the sequence, the time, the row's texts as one text[] and its ids as one uuid[], each
    // column taking its element ($3[i], $4[i]; a null element is a NULL column). Why: one Npgsql parameter per column
    // (seventeen) was ~3.9 KiB per appended row with its command; two arrays carry the same values. Positional, with a
    // stable text and parameter types, so Npgsql never rewrites the statement and it stays prepared on the connection.
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

    private readonly List<Row> plain = [];
    private readonly List<Row> afterHead = [];

    /// <summary>
    /// The INSERT of a batch's <paramref name="index"/>-th row; <paramref name="ifHead"/>: only while
    /// <paramref name="previousHash"/> is the chain's head. The command is the one returned for that index before,
    /// filled again: the previous batch must be done with it.
    /// </summary>
    public NpgsqlBatchCommand Command(int index, AuditRow row, string previousHash, string hash, string keyId, bool ifHead = false)
    {
        var rows = ifHead ? afterHead : plain;
        while (rows.Count <= index)
        {
            rows.Add(new Row(ifHead ? InsertAfterHead : Insert));
        }

        return rows[index].Fill(row, previousHash, hash, keyId);
    }

    private sealed class Row
    {
        private readonly NpgsqlParameter<long> sequence = new();
        private readonly NpgsqlParameter<DateTimeOffset> at = new();
        private readonly string?[] texts = new string?[11];
        private readonly Guid?[] ids = new Guid?[4];

        public Row(string sql)
        {
            Command = new NpgsqlBatchCommand(sql);
            Command.Parameters.Add(sequence);
            Command.Parameters.Add(at);
            Command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = texts });
            Command.Parameters.Add(new NpgsqlParameter<Guid?[]> { TypedValue = ids });
        }

        public NpgsqlBatchCommand Command { get; }

        public NpgsqlBatchCommand Fill(AuditRow row, string previousHash, string hash, string keyId)
        {
            sequence.TypedValue = row.Sequence;
            at.TypedValue = row.At;
            (texts[0], texts[1], texts[2], texts[3], texts[4], texts[5], texts[6], texts[7]) =
                (row.Action, row.Outcome, row.ActorName, row.ActorInami, row.ClientAddress, row.DocumentTitle, row.Purpose, row.Reason);
            (texts[8], texts[9], texts[10]) = (previousHash, hash, keyId);
            (ids[0], ids[1], ids[2], ids[3]) = (row.ActorUserId, row.PatientId, row.DocumentId, row.LinkOrGrantId);
            return Command;
        }
    }
}
