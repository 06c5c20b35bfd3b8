using HapModular.Modules.Records.Documents;
using Npgsql;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>One visible instance as the imaging workspace lists it: where it is, and its <see cref="InstanceSummary"/>.</summary>
internal sealed record WorkspaceInstance(Guid DocumentId, string Title, string StudyUid, string SeriesUid, string SopUid, InstanceSummary Summary);

internal sealed partial class DicomInstanceIndex
{
    /// <summary>
    /// The patient's visible instances (R6 in SQL; one per SOP Instance UID, as <see cref="ReadAsync"/> keeps them) with
    /// their summaries: a few columns per instance. Only an instance whose summary is missing or describes other content
    /// (indexed by the previous release during an upgrade) brings its metadata, read here as the summary would have been.
    /// Optionally of one study only.
    /// </summary>
    public async Task<IReadOnlyList<WorkspaceInstance>> ReadSummariesAsync(Guid patientId, string? viewerInami, string? studyUid, CancellationToken cancellationToken) =>
        await ReadAfterIndexingAsync(patientId, () => Summaries(patientId, viewerInami, studyUid), SummaryOf, cancellationToken);

    private NpgsqlBatchCommand Summaries(Guid patientId, string? viewerInami, string? studyUid)
    {
        var command = new NpgsqlBatchCommand(VisibleInstances($"""
            d.id, d.title, d.study_uid, d.series_uid, d.instance_uid, {InstanceSummary.Columns},
            CASE WHEN i.summary_of IS DISTINCT FROM i.sha256 THEN i.metadata END
            """) + (studyUid is null ? string.Empty : " AND d.study_uid = @s") + OneEach);
        command.Parameters.AddWithValue("p", patientId);
        if (studyUid is not null)
        {
            command.Parameters.AddWithValue("s", studyUid);
        }

        DocumentVisibility.Bind(command.Parameters, viewerInami, time.GetUtcNow());
        return command;
    }

    private static WorkspaceInstance SummaryOf(NpgsqlDataReader reader)
    {
        var id = reader.GetGuid(0);
        var summary = reader.IsDBNull(11)
            ? InstanceSummary.Read(reader, 5)
            : InstanceSummary.From(reader.GetString(11));
        return new WorkspaceInstance(
            id,
            reader.GetString(1),
            reader.GetString(2),
            reader.IsDBNull(3) ? id.ToString("N") : reader.GetString(3),
            reader.IsDBNull(4) ? id.ToString("N") : reader.GetString(4),
            summary);
    }
}
