using System.Text;
using HapModular.Modules.Records.Documents;

namespace HapModular.Modules.Records.DicomWeb;

internal sealed partial class DicomInstanceIndex
{
    /// <summary>
    /// The patient's visible instances (R6 in SQL, one per SOP Instance UID) for a QIDO-RS search at the study or series
    /// level. A study result shows its representative instance's attributes (the first in <see cref="Qido.Ordered"/>) and
    /// counts the others: only the representatives' whole DICOM JSON is read, the others' summary columns stand in for
    /// theirs (modality, series and instance numbers — what the counts, the order and ModalitiesInStudy use). Why: a
    /// desktop viewer's study list read every instance's metadata (3 kB each) of every patient of the physician — a
    /// 500-slice CT was 1.5 MB of JSON read and parsed for one line of the list.
    /// </summary>
    public async Task<IReadOnlyList<ImagingInstance>> ReadRepresentativesAsync(Guid patientId, string? viewerInami, string? studyUid, QidoLevel level, CancellationToken cancellationToken)
    {
        await IndexMissingAsync(patientId, cancellationToken);
        // The representative picked in SQL by the summary columns, in Qido.Ordered's order (numbers, then UIDs in ordinal
        // order: COLLATE "C"); an instance without a current summary brings its metadata, and C# decides below.
        var group = level == QidoLevel.Studies ? "study_uid" : "study_uid, series_key";
        var sql = new StringBuilder($"""
            SELECT {DocumentRows.Columns}, v.i_modality, v.i_series_number, v.i_instance_number,
                CASE WHEN row_number() OVER (PARTITION BY {group} ORDER BY v.i_series_number, v.series_key COLLATE "C", v.i_instance_number, v.sop_key COLLATE "C") = 1 OR v.stale THEN v.full_metadata END
            FROM (
            """);
        sql.Append(VisibleInstances(Prefixed("d") + """
            , COALESCE(d.series_uid, replace(d.id::text, '-', '')) AS series_key, COALESCE(d.instance_uid, replace(d.id::text, '-', '')) AS sop_key,
            i.modality AS i_modality, i.series_number AS i_series_number, i.instance_number AS i_instance_number, i.summary_of IS DISTINCT FROM i.sha256 AS stale, i.metadata AS full_metadata
            """));
        await using var command = database.DataSource.CreateCommand();
        command.Parameters.AddWithValue("p", patientId);
        if (studyUid is not null)
        {
            sql.Append(" AND d.study_uid = @s");
            command.Parameters.AddWithValue("s", studyUid);
        }

        sql.Append(OneEach).Append(") v");
        command.CommandText = sql.ToString();
        DocumentVisibility.Bind(command.Parameters, viewerInami, time.GetUtcNow());
        var list = new List<ImagingInstance>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            var columns = DocumentRows.Columns.Split(',').Length;
            while (await reader.ReadAsync(cancellationToken))
            {
                var document = DocumentRows.Read(reader);
                if (!reader.IsDBNull(reader.FieldCount - 1))
                {
                    list.Add(new ImagingInstance(document, reader.GetString(reader.FieldCount - 1)));
                }
                else
                {
                    // Only what Qido reads of a counted instance: its modality, series and instance numbers (the others
                    // are not read: ImagingInstance refuses them).
                    list.Add(new ImagingInstance(document, new InstanceSummary(
                        string.Empty,
                        string.Empty,
                        reader.IsDBNull(columns) ? string.Empty : reader.GetString(columns),
                        reader.IsDBNull(columns + 1) ? 0 : reader.GetInt32(columns + 1),
                        reader.IsDBNull(columns + 2) ? 0 : reader.GetInt32(columns + 2),
                        0)));
                }
            }
        }

        // Every result's representative must be one read whole; else (summaries of another release's indexing, mid-upgrade)
        // that study is read whole, as before.
        var groups = level == QidoLevel.Studies ? list.GroupBy(i => (i.StudyUid, string.Empty)) : list.GroupBy(i => (i.StudyUid, i.SeriesUid));
        var incomplete = groups.Where(g => !Qido.Ordered(g).First().IsWhole).Select(g => g.Key.StudyUid).ToHashSet(StringComparer.Ordinal);
        if (incomplete.Count == 0)
        {
            return list;
        }

        var result = list.Where(i => !incomplete.Contains(i.StudyUid)).ToList();
        foreach (var study in incomplete)
        {
            result.AddRange(await ReadIndexedAsync(patientId, viewerInami, study, null, null, cancellationToken));
        }

        return result;
    }
}
