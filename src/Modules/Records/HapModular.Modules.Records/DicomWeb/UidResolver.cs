using System.Collections.Concurrent;
using HapModular.Modules.Records.Storage;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>
/// Which patient a study UID or an instance belongs to — a look-up, not a decision: the request that follows carries
/// that patient through the guard, and an unknown UID goes through it with an empty patient id (refused, audited),
/// so it is answered exactly like a study the physician may not see.
/// </summary>
internal sealed class UidResolver(RecordsDatabase database, TimeProvider time)
{
    // A viewer asks for every frame of every instance of a series, one request each: the first look-up reads the whole
    // series' instance → document map and keeps it a minute, so the next hundreds of requests need no look-up. It decides
    // nothing (the guard and the visible-row read follow on every request); documents never change patient, and an
    // instance missing from a kept map (ingested since) reads the series again.
    private static readonly TimeSpan Kept = TimeSpan.FromMinutes(1);
    private const int MaxSeriesKept = 2_000;
    private const int LargestSeriesKept = 20_000;
    private readonly ConcurrentDictionary<(string Study, string Series), (DateTimeOffset Until, ILookup<string, (Guid PatientId, Guid DocumentId)> Instances)> series = new();

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

    /// <summary>
    /// Of <paramref name="patients"/>, those holding any DICOM study (visible or not: the guard and the visible-row read
    /// still decide for each). A search across every patient a physician may see asked the guard and read the index for
    /// each one, most of them without any imaging: a general practitioner's study list waited for hundreds of them.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> PatientsWithImagingAsync(IReadOnlyList<Guid> patients, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT p FROM unnest(@p) AS p
            WHERE EXISTS (SELECT 1 FROM records.documents d WHERE d.patient_id = p AND d.media_type = @m AND d.study_uid IS NOT NULL)
            """);
        command.Parameters.AddWithValue("p", patients.ToArray());
        command.Parameters.AddWithValue("m", DicomInstanceIndex.DicomMediaType);
        var list = new List<Guid>(patients.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(reader.GetGuid(0));
        }

        return list;
    }

    /// <summary>
    /// The documents holding this instance, oldest first (one per patient is usual; an instance sent again in another
    /// encoding adds one), of one patient only when <paramref name="patientId"/> is given (the workspace's own routes).
    /// </summary>
    public async Task<IReadOnlyList<(Guid PatientId, Guid DocumentId)>> DocumentsOfInstanceAsync(string studyUid, string seriesUid, string sopUid, Guid? patientId, CancellationToken cancellationToken)
    {
        var key = (studyUid, seriesUid);
        var now = time.GetUtcNow();
        if (series.TryGetValue(key, out var kept) && now < kept.Until && kept.Instances.Contains(sopUid))
        {
            return [.. kept.Instances[sopUid].Where(d => patientId is null || d.PatientId == patientId)];
        }

        var rows = await ReadSeriesAsync(studyUid, seriesUid, cancellationToken);
        if (rows.Count > LargestSeriesKept)
        {
            // A series too large to keep (and to have been read whole): this instance alone.
            return [.. (await ReadInstanceAsync(studyUid, seriesUid, sopUid, cancellationToken)).Where(d => patientId is null || d.PatientId == patientId)];
        }

        var instances = rows.ToLookup(r => r.Sop, r => (r.PatientId, r.DocumentId), StringComparer.Ordinal);
        if (rows.Count > 0)
        {
            if (series.Count >= MaxSeriesKept)
            {
                series.Clear();
            }

            series[key] = (now + Kept, instances);
        }

        return [.. instances[sopUid].Where(d => patientId is null || d.PatientId == patientId).Take(10)];
    }

    private async Task<List<(string Sop, Guid PatientId, Guid DocumentId)>> ReadSeriesAsync(string studyUid, string seriesUid, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT instance_uid, patient_id, id FROM records.documents
            WHERE study_uid = @s AND series_uid = @se AND instance_uid IS NOT NULL
            ORDER BY ingested_at, id LIMIT @limit
            """);
        command.Parameters.AddWithValue("s", studyUid);
        command.Parameters.AddWithValue("se", seriesUid);
        command.Parameters.AddWithValue("limit", LargestSeriesKept + 1);
        var list = new List<(string, Guid, Guid)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add((reader.GetString(0), reader.GetGuid(1), reader.GetGuid(2)));
        }

        return list;
    }

    private async Task<IReadOnlyList<(Guid PatientId, Guid DocumentId)>> ReadInstanceAsync(string studyUid, string seriesUid, string sopUid, CancellationToken cancellationToken)
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
