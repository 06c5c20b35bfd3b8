using Npgsql;

namespace HapModular.Modules.Audit.AppendRecord;

/// <summary>The INSERT of one audit row (the table has no UPDATE or DELETE path in the application).</summary>
internal static class AuditRowWriter
{
    public static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction tx, AuditRow row, string previousHash, string hash, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO audit.records (seq, at, action, outcome, actor_user_id, actor_name, actor_inami, client_address,
                patient_id, document_id, document_title, purpose, reason, link_or_grant_id, prev_hash, hash)
            VALUES (@seq, @at, @action, @outcome, @actor, @name, @inami, @ip, @patient, @document, @title, @purpose, @reason, @link, @prev, @hash)
            """,
            connection,
            tx);
        insert.Parameters.AddWithValue("seq", row.Sequence);
        insert.Parameters.AddWithValue("at", row.At);
        insert.Parameters.AddWithValue("action", row.Action);
        insert.Parameters.AddWithValue("outcome", row.Outcome);
        insert.Parameters.AddWithValue("actor", (object?)row.ActorUserId ?? DBNull.Value);
        insert.Parameters.AddWithValue("name", (object?)row.ActorName ?? DBNull.Value);
        insert.Parameters.AddWithValue("inami", (object?)row.ActorInami ?? DBNull.Value);
        insert.Parameters.AddWithValue("ip", (object?)row.ClientAddress ?? DBNull.Value);
        insert.Parameters.AddWithValue("patient", (object?)row.PatientId ?? DBNull.Value);
        insert.Parameters.AddWithValue("document", (object?)row.DocumentId ?? DBNull.Value);
        insert.Parameters.AddWithValue("title", (object?)row.DocumentTitle ?? DBNull.Value);
        insert.Parameters.AddWithValue("purpose", (object?)row.Purpose ?? DBNull.Value);
        insert.Parameters.AddWithValue("reason", (object?)row.Reason ?? DBNull.Value);
        insert.Parameters.AddWithValue("link", (object?)row.LinkOrGrantId ?? DBNull.Value);
        insert.Parameters.AddWithValue("prev", previousHash);
        insert.Parameters.AddWithValue("hash", hash);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
