using HapModular.Modules.Audit.Chain;
using Npgsql;

namespace HapModular.Modules.Audit.AppendRecord;

/// <summary>The INSERT of one audit row (the application has no UPDATE or DELETE path, and the database refuses both).</summary>
internal static class AuditRowWriter
{
    public static NpgsqlBatchCommand Command(AuditRow row, string previousHash, string hash, string keyId)
    {
        var insert = new NpgsqlBatchCommand(
            """
            INSERT INTO audit.records (seq, at, action, outcome, actor_user_id, actor_name, actor_inami, client_address,
                patient_id, document_id, document_title, purpose, reason, link_or_grant_id, prev_hash, hash, key_id)
            VALUES (@seq, @at, @action, @outcome, @actor, @name, @inami, @ip, @patient, @document, @title, @purpose, @reason, @link, @prev, @hash, @key)
            """);
        var p = insert.Parameters;
        p.AddWithValue("seq", row.Sequence);
        p.AddWithValue("at", row.At);
        p.AddWithValue("action", row.Action);
        p.AddWithValue("outcome", row.Outcome);
        p.AddWithValue("actor", (object?)row.ActorUserId ?? DBNull.Value);
        p.AddWithValue("name", (object?)row.ActorName ?? DBNull.Value);
        p.AddWithValue("inami", (object?)row.ActorInami ?? DBNull.Value);
        p.AddWithValue("ip", (object?)row.ClientAddress ?? DBNull.Value);
        p.AddWithValue("patient", (object?)row.PatientId ?? DBNull.Value);
        p.AddWithValue("document", (object?)row.DocumentId ?? DBNull.Value);
        p.AddWithValue("title", (object?)row.DocumentTitle ?? DBNull.Value);
        p.AddWithValue("purpose", (object?)row.Purpose ?? DBNull.Value);
        p.AddWithValue("reason", (object?)row.Reason ?? DBNull.Value);
        p.AddWithValue("link", (object?)row.LinkOrGrantId ?? DBNull.Value);
        p.AddWithValue("prev", previousHash);
        p.AddWithValue("hash", hash);
        p.AddWithValue("key", keyId);
        return insert;
    }
}
