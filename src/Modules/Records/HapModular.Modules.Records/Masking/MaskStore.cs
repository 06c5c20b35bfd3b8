using HapModular.Modules.Records.Documents;
using HapModular.Modules.Records.Storage;

namespace HapModular.Modules.Records.Masking;

/// <summary>
/// Sets or lifts a document's mask and notes who did it (and the patient's request reference) in one transaction.
/// The update only applies from the expected state, so a mask set by someone else is never lifted by mistake.
/// </summary>
internal sealed class MaskStore(RecordsDatabase database, TimeProvider time)
{
    public async Task<bool> ChangeAsync(Guid patientId, Guid documentId, string origin, bool mask, Guid actorUserId, string actorName, string? reference, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = mask
            ? "UPDATE records.documents SET masked_by = @origin WHERE id = @id AND patient_id = @p AND masked_by IS NULL"
            : "UPDATE records.documents SET masked_by = NULL WHERE id = @id AND patient_id = @p AND masked_by = @origin";
        update.Parameters.AddWithValue("origin", origin);
        update.Parameters.AddWithValue("id", documentId);
        update.Parameters.AddWithValue("p", patientId);
        if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        await using var note = connection.CreateCommand();
        note.Transaction = transaction;
        note.CommandText = """
            INSERT INTO records.document_mask_changes (document_id, patient_id, masked, origin, actor_user_id, actor_name, request_reference, at)
            VALUES (@id, @p, @masked, @origin, @actor, @name, @reference, @at)
            """;
        note.Parameters.AddWithValue("id", documentId);
        note.Parameters.AddWithValue("p", patientId);
        note.Parameters.AddWithValue("masked", mask);
        note.Parameters.AddWithValue("origin", origin);
        note.Parameters.AddWithValue("actor", actorUserId);
        note.Parameters.AddWithValue("name", actorName);
        note.Parameters.AddWithValue("reference", (object?)reference ?? DBNull.Value);
        note.Parameters.AddWithValue("at", time.GetUtcNow().ToUniversalTime());
        await note.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<DeskDocuments> ListAsync(Guid patientId, CancellationToken cancellationToken)
    {
        var documents = new List<DeskDocumentRow>();
        await using (var command = database.DataSource.CreateCommand(
            """
            SELECT id, title, kind, clinical_date, department, masked_by, embargo_category, embargo_until FROM records.documents
            WHERE patient_id = @p ORDER BY clinical_date DESC, id DESC LIMIT 2000
            """))
        {
            command.Parameters.AddWithValue("p", patientId);
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                var maskedBy = r.IsDBNull(5) ? null : r.GetString(5);
                documents.Add(new DeskDocumentRow(
                    r.GetGuid(0),
                    maskedBy == MaskOrigins.Author ? null : r.GetString(1),
                    r.GetString(2),
                    r.GetFieldValue<DateTimeOffset>(3),
                    r.GetString(4),
                    maskedBy,
                    r.IsDBNull(6) ? null : r.GetString(6),
                    r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7)));
            }
        }

        var changes = new List<DeskMaskChange>();
        await using (var command = database.DataSource.CreateCommand(
            """
            SELECT c.at, c.document_id, CASE WHEN d.masked_by = 'author' THEN NULL ELSE d.title END, c.masked, c.actor_name, c.request_reference
            FROM records.document_mask_changes c JOIN records.documents d ON d.id = c.document_id
            WHERE c.patient_id = @p AND c.origin = 'patient' ORDER BY c.seq DESC LIMIT 200
            """))
        {
            command.Parameters.AddWithValue("p", patientId);
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                changes.Add(new DeskMaskChange(r.GetFieldValue<DateTimeOffset>(0), r.GetGuid(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetBoolean(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)));
            }
        }

        return new DeskDocuments(documents, changes);
    }

    public async Task<IReadOnlyCollection<Guid>> AuthorMaskedAsync(Guid patientId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT id FROM records.documents WHERE patient_id = @p AND masked_by = 'author'");
        command.Parameters.AddWithValue("p", patientId);
        var ids = new List<Guid>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            ids.Add(r.GetGuid(0));
        }

        return ids;
    }
}
