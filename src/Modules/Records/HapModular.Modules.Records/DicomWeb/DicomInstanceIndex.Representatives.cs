using System.Text;
using HapModular.Modules.Records.Documents;
using Npgsql;

namespace HapModular.Modules.Records.DicomWeb;

internal sealed partial class DicomInstanceIndex
{
    /// <summary>
    /// The patient's QIDO-RS results at the study or series level, grouped in the database from the visible instances (R6
    /// in SQL, one per SOP Instance UID): one row per study or series, its representative instance (the first in
    /// <see cref="Qido.Ordered"/>) read whole, and the others only counted — their number, series and modalities, from
    /// the summary columns. Why: a desktop viewer's study list read every instance's metadata (3 kB each) of every patient
    /// of the physician (a 500-slice CT was 1.5 MB of JSON for one line of the list); then every instance's document row
    /// (225 rows, 700 KB allocated, for a patient's four studies) to count them in C#.
    /// </summary>
    public async Task<IReadOnlyList<QidoGroup>> ReadRepresentativesAsync(Guid patientId, string? viewerInami, string? studyUid, QidoLevel level, CancellationToken cancellationToken)
    {
        var list = await ReadAfterIndexingAsync(
            patientId,
            () => Representatives(patientId, viewerInami, studyUid, level),
            reader => (Group: new QidoGroup(
                    new ImagingInstance(DocumentRows.Read(reader), reader.GetString(DocumentRows.Names.Length)),
                    reader.GetInt32(DocumentRows.Names.Length + 1),
                    reader.GetFieldValue<string[]>(DocumentRows.Names.Length + 2),
                    reader.GetFieldValue<string[]>(DocumentRows.Names.Length + 3)),
                Stale: reader.GetBoolean(DocumentRows.Names.Length + 4)),
            cancellationToken);

        // A group holding an instance whose summary is missing or describes other content (indexed by another release,
        // mid-upgrade) cannot be counted nor ordered from the summaries: its study is read whole, as before the summaries.
        var stale = list.Where(g => g.Stale).Select(g => g.Group.Representative.StudyUid).ToHashSet(StringComparer.Ordinal);
        if (stale.Count == 0)
        {
            return [.. list.Select(g => g.Group)];
        }

        var result = list.Where(g => !stale.Contains(g.Group.Representative.StudyUid)).Select(g => g.Group).ToList();
        foreach (var study in stale)
        {
            result.AddRange(QidoGroup.Of(await RunAsync(Instances(patientId, viewerInami, study, null, null), InstanceOf, cancellationToken), level));
        }

        return result;
    }

    /// <summary>The study or series level's query: see <see cref="ReadRepresentativesAsync"/>.</summary>
    private NpgsqlBatchCommand Representatives(Guid patientId, string? viewerInami, string? studyUid, QidoLevel level)
    {
        // The representative picked by the summary columns in Qido.Ordered's order (numbers, then UIDs in ordinal order:
        // COLLATE "C"); its metadata joined for it alone. Modalities as the summary holds them ("" when absent: a search
        // for an empty modality matches it, as it would the whole metadata's).
        var group = level == QidoLevel.Studies ? "study_uid" : "study_uid, series_key";
        var sql = new StringBuilder("WITH v AS (");
        // The summary's columns renamed: the documents' own columns (modality) are selected beside them.
        sql.Append(VisibleInstances(Prefixed("d") + """
            , COALESCE(d.series_uid, replace(d.id::text, '-', '')) AS series_key, COALESCE(d.instance_uid, replace(d.id::text, '-', '')) AS sop_key,
            i.modality AS summary_modality, i.series_number AS summary_series, i.instance_number AS summary_instance,
            i.summary_of IS DISTINCT FROM i.sha256 AS stale
            """));
        var command = new NpgsqlBatchCommand();
        command.Parameters.AddWithValue("p", patientId);
        if (studyUid is not null)
        {
            sql.Append(" AND d.study_uid = @s");
            command.Parameters.AddWithValue("s", studyUid);
        }

        sql.Append(OneEach).Append($"""
            ), g AS (
                SELECT {group}, count(*)::int AS instances, array_agg(DISTINCT series_key) AS series_keys,
                    array_agg(DISTINCT COALESCE(summary_modality, '')) AS modalities, bool_or(stale) AS stale
                FROM v GROUP BY {group}
            ), r AS (
                SELECT DISTINCT ON ({group}) * FROM v
                ORDER BY {group}, summary_series, series_key COLLATE "C", summary_instance, sop_key COLLATE "C"
            )
            SELECT {Prefixed("r")}, i.metadata, g.instances, g.series_keys, g.modalities, g.stale
            FROM r JOIN g USING ({group}) JOIN records.dicom_instances i ON i.document_id = r.id
            """);
        command.CommandText = sql.ToString();
        DocumentVisibility.Bind(command.Parameters, viewerInami, time.GetUtcNow());
        return command;
    }
}
