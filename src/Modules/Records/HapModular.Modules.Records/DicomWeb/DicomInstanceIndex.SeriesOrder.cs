using HapModular.Modules.Records.Documents;
using Npgsql;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>One visible instance of a series as <see cref="SeriesReadAhead"/> walks it: its stored content and that content's size.</summary>
internal readonly record struct SeriesFile(string Sha256, long Size);

internal sealed partial class DicomInstanceIndex
{
    /// <summary>
    /// The visible instances of one series (R6 in SQL, one per SOP Instance UID as <see cref="ReadAsync"/> keeps them), in
    /// the order a viewer's stack shows them (<see cref="Qido.Ordered"/>: instance number, then UID): two columns per
    /// instance, no metadata. What is not indexed yet is not listed (nothing is indexed here: the requests that read it do).
    /// </summary>
    public async Task<IReadOnlyList<SeriesFile>> ReadSeriesOrderAsync(Guid patientId, string? viewerInami, string studyUid, string seriesUid, CancellationToken cancellationToken)
    {
        var command = new NpgsqlBatchCommand($"""
            SELECT sha256, size FROM ({VisibleInstances("d.sha256, d.size, i.instance_number, COALESCE(d.instance_uid, d.id::text) AS uid")}
                AND d.study_uid = @s AND d.series_uid = @se{OneEach}) v
            ORDER BY instance_number NULLS LAST, uid
            """);
        command.Parameters.AddWithValue("p", patientId);
        command.Parameters.AddWithValue("s", studyUid);
        command.Parameters.AddWithValue("se", seriesUid);
        DocumentVisibility.Bind(command.Parameters, viewerInami, time.GetUtcNow());
        return await RunAsync(command, r => new SeriesFile(r.GetString(0), r.GetInt64(1)), cancellationToken);
    }
}
