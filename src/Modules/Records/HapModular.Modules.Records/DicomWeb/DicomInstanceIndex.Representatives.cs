using System.Text;
using HapModular.Modules.Records.Documents;
using Npgsql;

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
        // Whole when it is the representative or its summary is not current (then its summary columns are not read).
        var list = await ReadAfterIndexingAsync(
            patientId,
            () => Representatives(patientId, viewerInami, studyUid, level),
            reader => reader.IsDBNull(reader.FieldCount - 1)
                ? new ImagingInstance(DocumentRows.Read(reader), InstanceSummary.Read(reader, DocumentRows.Names.Length))
                : new ImagingInstance(DocumentRows.Read(reader), reader.GetString(reader.FieldCount - 1)),
            cancellationToken);

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
            result.AddRange(await RunAsync(Instances(patientId, viewerInami, study, null, null), InstanceOf, cancellationToken));
        }

        return result;
    }

    /// <summary>The study or series level's query: see <see cref="ReadRepresentativesAsync"/>.</summary>
    private NpgsqlBatchCommand Representatives(Guid patientId, string? viewerInami, string? studyUid, QidoLevel level)
    {
        // The representative picked in SQL by the summary columns, in Qido.Ordered's order (numbers, then UIDs in ordinal
        // order: COLLATE "C"); an instance without a current summary brings its metadata, and C# decides below.
        var group = level == QidoLevel.Studies ? "study_uid" : "study_uid, series_key";
        var sql = new StringBuilder($"""
            SELECT {DocumentRows.Columns}, v.summary_date, v.summary_description, v.summary_modality, v.summary_series, v.summary_instance, v.summary_frames,
                CASE WHEN row_number() OVER (PARTITION BY {group} ORDER BY v.summary_series, v.series_key COLLATE "C", v.summary_instance, v.sop_key COLLATE "C") = 1 OR v.stale THEN v.full_metadata END
            FROM (
            """);
        // The summary's columns renamed: the documents' own columns (modality) are selected beside them.
        sql.Append(VisibleInstances(Prefixed("d") + """
            , COALESCE(d.series_uid, replace(d.id::text, '-', '')) AS series_key, COALESCE(d.instance_uid, replace(d.id::text, '-', '')) AS sop_key,
            i.study_date AS summary_date, i.study_description AS summary_description, i.modality AS summary_modality,
            i.series_number AS summary_series, i.instance_number AS summary_instance, i.frames AS summary_frames,
            i.summary_of IS DISTINCT FROM i.sha256 AS stale, i.metadata AS full_metadata
            """));
        var command = new NpgsqlBatchCommand();
        command.Parameters.AddWithValue("p", patientId);
        if (studyUid is not null)
        {
            sql.Append(" AND d.study_uid = @s");
            command.Parameters.AddWithValue("s", studyUid);
        }

        sql.Append(OneEach).Append(") v");
        command.CommandText = sql.ToString();
        DocumentVisibility.Bind(command.Parameters, viewerInami, time.GetUtcNow());
        return command;
    }
}
