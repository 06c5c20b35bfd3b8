using HapModular.Modules.Records.Storage;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>
/// Which patient a study UID or an instance belongs to — a look-up, not a decision: the request that follows carries
/// that patient through the guard, and an unknown UID goes through it with an empty patient id (refused, audited),
/// so it is answered exactly like a study the physician may not see.
/// </summary>
internal sealed class UidResolver(RecordsDatabase database)
{
    public async Task<IReadOnlyList<Guid>> PatientsOfStudyAsync(string studyUid, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT DISTINCT patient_id FROM records.documents WHERE study_uid = @s LIMIT 10");
        command.Parameters.AddWithValue("s", studyUid);
        var list = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(reader.GetGuid(0));
        }

        return list;
    }

    /// <summary>The documents holding this instance (one per patient at most is expected; a re-ingestion adds none).</summary>
    public async Task<IReadOnlyList<(Guid PatientId, Guid DocumentId)>> DocumentsOfInstanceAsync(string studyUid, string seriesUid, string sopUid, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT patient_id, id FROM records.documents WHERE instance_uid = @i AND study_uid = @s AND series_uid = @se
            ORDER BY ingested_at, id LIMIT 10
            """);
        command.Parameters.AddWithValue("i", sopUid);
        command.Parameters.AddWithValue("s", studyUid);
        command.Parameters.AddWithValue("se", seriesUid);
        var list = new List<(Guid, Guid)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add((reader.GetGuid(0), reader.GetGuid(1)));
        }

        return list;
    }
}
