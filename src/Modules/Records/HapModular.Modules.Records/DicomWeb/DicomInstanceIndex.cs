using System.Globalization;
using System.Text;
using HapModular.Modules.Records.Documents;
using HapModular.Modules.Records.Storage;
using HapModular.Modules.Shared;
using HapModular.Modules.Shared.Storage;
using HapModular.Viewers;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>
/// Reads a patient's visible DICOM instances with their metadata. Each instance is indexed when it is ingested
/// (<see cref="IndexIngestedAsync"/>); what was ingested before the index, or whose indexing failed, is indexed on first
/// use. The DICOM plugin writes the DICOM JSON, so the host never parses DICOM itself.
/// </summary>
internal sealed partial class DicomInstanceIndex(RecordsDatabase database, IBlobStore blobs, IViewerCatalog viewers, TimeProvider time, ILogger<DicomInstanceIndex> logger)
{
    public const string DicomMediaType = "application/dicom";

    /// <summary>The patient's visible instances, optionally of one study / series / instance (R6 in SQL).</summary>
    public async Task<IReadOnlyList<ImagingInstance>> ReadAsync(Guid patientId, string? viewerInami, string? studyUid, string? seriesUid, string? sopUid, CancellationToken cancellationToken)
    {
        if (sopUid is not null)
        {
            // One instance (every frame a viewer pulls): indexed already, one round trip; else index the patient's, then read.
            var indexed = await RunAsync(Instances(patientId, viewerInami, studyUid, seriesUid, sopUid), InstanceOf, cancellationToken);
            if (indexed.Count > 0)
            {
                return indexed;
            }
        }

        return await ReadAfterIndexingAsync(patientId, () => Instances(patientId, viewerInami, studyUid, seriesUid, sopUid), InstanceOf, cancellationToken);
    }

    /// <summary>The patient's visible indexed instances, optionally of one study / series / instance, with their metadata.</summary>
    private NpgsqlBatchCommand Instances(Guid patientId, string? viewerInami, string? studyUid, string? seriesUid, string? sopUid)
    {
        var sql = new StringBuilder(VisibleInstances(Prefixed("d") + ", i.metadata"));
        var command = new NpgsqlBatchCommand();
        command.Parameters.AddWithValue("p", patientId);
        if (studyUid is not null)
        {
            sql.Append(" AND d.study_uid = @s");
            command.Parameters.AddWithValue("s", studyUid);
        }

        if (seriesUid is not null)
        {
            sql.Append(" AND d.series_uid = @se");
            command.Parameters.AddWithValue("se", seriesUid);
        }

        if (sopUid is not null)
        {
            sql.Append(" AND d.instance_uid = @i");
            command.Parameters.AddWithValue("i", sopUid);
        }

        sql.Append(OneEach);
        command.CommandText = sql.ToString();
        DocumentVisibility.Bind(command.Parameters, viewerInami, time.GetUtcNow());
        return command;
    }

    private static ImagingInstance InstanceOf(NpgsqlDataReader reader) => new(DocumentRows.Read(reader), reader.GetString(reader.FieldCount - 1));

    /// <summary>
    /// The rows of <paramref name="read"/> (a query of the patient's index) once the index holds every DICOM document of the
    /// patient: the look-up for those it lacks (ingested before the index existed, or whose content changed) goes in the same
    /// round trip as the read — every metadata, QIDO and workspace-list request waited for it, then for the read, and it
    /// finds some only the first time after an upgrade. Then they are indexed and <paramref name="read"/> runs again.
    /// </summary>
    private async Task<List<T>> ReadAfterIndexingAsync<T>(Guid patientId, Func<NpgsqlBatchCommand> read, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken)
    {
        var missing = new List<(Guid Id, string Sha256, string? FileName)>();
        var lookUp = new NpgsqlBatchCommand("""
            SELECT d.id, d.sha256, d.file_name FROM records.documents d LEFT JOIN records.dicom_instances i ON i.document_id = d.id
            WHERE d.patient_id = @p AND d.media_type = @m AND d.study_uid IS NOT NULL AND (i.document_id IS NULL OR i.sha256 <> d.sha256)
            """);
        lookUp.Parameters.AddWithValue("p", patientId);
        lookUp.Parameters.AddWithValue("m", DicomMediaType);
        var rows = await RunAsync(read(), row, cancellationToken, (lookUp, r => missing.Add((r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)))));
        if (missing.Count == 0)
        {
            return rows;
        }

        foreach (var (id, sha256, fileName) in missing)
        {
            var (metadata, problem) = await DescribeAsync(sha256, fileName, cancellationToken);
            await UpsertAsync(id, sha256, metadata, problem, cancellationToken);
        }

        return await RunAsync(read(), row, cancellationToken);
    }

    /// <summary>The rows of <paramref name="read"/>, after those of <paramref name="first"/>'s command (given to its row action) in the same round trip.</summary>
    private async Task<List<T>> RunAsync<T>(NpgsqlBatchCommand read, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken, (NpgsqlBatchCommand Command, Action<NpgsqlDataReader> Row)? first = null)
    {
        await using var batch = database.DataSource.CreateBatch();
        if (first is { } before)
        {
            batch.BatchCommands.Add(before.Command);
        }

        batch.BatchCommands.Add(read);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (first is { } earlier)
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                earlier.Row(reader);
            }

            await reader.NextResultAsync(cancellationToken);
        }

        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    /// <summary>
    /// The patient's visible indexed instances (R6 in SQL, parameters <c>@p</c>, <c>@me</c>, <c>@now</c>), <paramref name="columns"/>
    /// of tables <c>d</c> and <c>i</c>; to be ended by <see cref="OneEach"/> after any further condition.
    /// One instance per SOP Instance UID: an instance the hospital sent again in another encoding is another stored
    /// document, but the same image. Listed twice, a viewer's stack showed it twice, and the second slot's metadata
    /// (the other encoding) described pixels the frame route serves from the first. The one kept is the oldest visible
    /// document, the one the frame routes serve (UidResolver: oldest first, the first the guard allows).
    /// </summary>
    private static string VisibleInstances(string columns) => $"""
        SELECT DISTINCT ON (COALESCE(d.instance_uid, d.id::text)) {columns} FROM records.documents d JOIN records.dicom_instances i ON i.document_id = d.id AND i.sha256 = d.sha256
        WHERE d.patient_id = @p AND d.study_uid IS NOT NULL AND i.metadata IS NOT NULL AND {DocumentVisibility.Sql("d")}
        """;

    /// <summary>The order <see cref="VisibleInstances"/>' DISTINCT ON keeps the oldest document of each SOP Instance UID by.</summary>
    private const string OneEach = " ORDER BY COALESCE(d.instance_uid, d.id::text), d.ingested_at, d.id";

    private static string Prefixed(string alias) =>
        string.Join(", ", DocumentRows.Names.Select(c => alias + "." + c));

    /// <summary>The instance's index row (its DICOM JSON and summary, or why it has none), replacing any older one.</summary>
    private async Task UpsertAsync(Guid id, string sha256, string? metadata, string? problem, CancellationToken cancellationToken)
    {
        var summary = metadata is null ? null : InstanceSummary.From(metadata);
        await using var insert = database.DataSource.CreateCommand("""
            INSERT INTO records.dicom_instances (document_id, sha256, metadata, problem, indexed_at,
                study_date, study_description, modality, series_number, instance_number, frames, summary_of)
            VALUES (@d, @h, @m, @x, @t, @sd, @sx, @mo, @sn, @in, @f, @so)
            ON CONFLICT (document_id) DO UPDATE SET sha256 = excluded.sha256, metadata = excluded.metadata, problem = excluded.problem, indexed_at = excluded.indexed_at,
                study_date = excluded.study_date, study_description = excluded.study_description, modality = excluded.modality,
                series_number = excluded.series_number, instance_number = excluded.instance_number, frames = excluded.frames, summary_of = excluded.summary_of
            """);
        insert.Parameters.AddWithValue("d", id);
        insert.Parameters.AddWithValue("h", sha256);
        insert.Parameters.AddWithValue("m", (object?)metadata ?? DBNull.Value);
        insert.Parameters.AddWithValue("x", (object?)problem ?? DBNull.Value);
        insert.Parameters.AddWithValue("t", time.GetUtcNow());
        insert.Parameters.AddWithValue("sd", (object?)summary?.StudyDate ?? DBNull.Value);
        insert.Parameters.AddWithValue("sx", (object?)summary?.StudyDescription ?? DBNull.Value);
        insert.Parameters.AddWithValue("mo", (object?)summary?.Modality ?? DBNull.Value);
        insert.Parameters.AddWithValue("sn", (object?)summary?.SeriesNumber ?? DBNull.Value);
        insert.Parameters.AddWithValue("in", (object?)summary?.InstanceNumber ?? DBNull.Value);
        insert.Parameters.AddWithValue("f", (object?)summary?.Frames ?? DBNull.Value);
        insert.Parameters.AddWithValue("so", summary is null ? DBNull.Value : sha256);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        if (problem is not null)
        {
            LogNotIndexed(logger, id, problem);
        }
    }

    private async Task<(string? Metadata, string? Problem)> DescribeAsync(string sha256, string? fileName, CancellationToken cancellationToken)
    {
        byte[] content;
        try
        {
            content = await blobs.GetAsync(sha256, cancellationToken);
        }
        catch (Exception ex) when (ex is BlobCorruptedException or BlobNotFoundException)
        {
            return (null, "content damaged or missing");
        }

        return await DescribeAsync(content, fileName, cancellationToken);
    }

    private async Task<(string? Metadata, string? Problem)> DescribeAsync(ReadOnlyMemory<byte> content, string? fileName, CancellationToken cancellationToken)
    {
        var result = await RenderAsync(viewers, content, fileName, "dicomweb-metadata", new Dictionary<string, string>(), cancellationToken);
        return result is RenderResult.JsonContent json ? (json.Value, null) : (null, (result as RenderResult.CannotDisplayResult)?.Reason ?? "no metadata");
    }

    /// <summary>Asks the DICOM plugin (the viewer of <c>application/dicom</c>, whatever the SOP class) for a DICOMweb target.</summary>
    public static async Task<RenderResult> RenderAsync(IViewerCatalog viewers, ReadOnlyMemory<byte> content, string? fileName, string target, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var metadata = new DocumentMetadata(DicomMediaType, fileName);
        if (viewers.FindViewer(metadata) is not { } viewer)
        {
            return RenderResult.CannotDisplay("No DICOM viewer plugin is active.");
        }

        try
        {
            return await viewer.RenderAsync(new ViewerContent(metadata, content), new RenderRequest(target, parameters, CultureInfo.InvariantCulture, "./", "./"), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return RenderResult.CannotDisplay("The DICOM plugin failed: " + ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "DICOM document {DocumentId} has no DICOMweb metadata: {Problem}")]
    private static partial void LogNotIndexed(ILogger logger, Guid documentId, string problem);
}
