using HapModular.Modules.Records.Storage;
using Npgsql;

namespace HapModular.Modules.Records.Documents;

/// <summary>Reads and writes <c>records.documents</c>; every query is one statement on an index.</summary>
internal sealed class DocumentRepository(RecordsDatabase database)
{
    /// <summary>Inserts unless the (source system, source id) exists; returns the id that holds that source id.</summary>
    public async Task<(Guid Id, bool Created)> InsertAsync(StoredDocument document, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            $"""
            WITH inserted AS (
                INSERT INTO records.documents ({DocumentRows.Columns})
                VALUES ({DocumentRows.ValueList})
                ON CONFLICT (source_system, source_id) DO NOTHING
                RETURNING id)
            SELECT id, true FROM inserted
            UNION ALL
            SELECT id, false FROM records.documents WHERE source_system = @source_system AND source_id = @source_id
            LIMIT 1
            """);
        DocumentRows.Bind(command, document);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            // A concurrent insert of the same source id committed between the two halves: read it on the next call.
            return await FindBySourceAsync(document.SourceSystem, document.SourceId, cancellationToken) is { } existing
                ? (existing.Id, false)
                : throw new InvalidOperationException("Document insert returned nothing.");
        }

        return (reader.GetGuid(0), reader.GetBoolean(1));
    }

    public async Task<StoredDocument?> FindBySourceAsync(string sourceSystem, string sourceId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {DocumentRows.Columns} FROM records.documents WHERE source_system = @s AND source_id = @i");
        command.Parameters.AddWithValue("s", sourceSystem);
        command.Parameters.AddWithValue("i", sourceId);
        return await ReadOneAsync(command, cancellationToken);
    }

    public async Task<StoredDocument?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {DocumentRows.Columns} FROM records.documents WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return await ReadOneAsync(command, cancellationToken);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT count(*) FROM records.documents");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<StoredDocument?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? DocumentRows.Read(reader) : null;
        }
    }
}
