using HapModular.Modules.Records.Documents;
using HapModular.Modules.Records.Embargo;
using HapModular.Modules.Records.Patients;
using HapModular.Modules.Shared;
using HapModular.Modules.Shared.Storage;
using HapModular.SharedKernel;
using HapModular.Viewers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace HapModular.Modules.Records.Ingestion;

/// <summary>
/// One ingestion path for the HTTP API, the import command and the demo: validate, resolve the patient, detect the
/// media type from the bytes, let the matching viewer inspect, store blobs (content-addressed, so an abandoned
/// ingestion leaves at most an unreferenced blob), then one idempotent INSERT. Nothing is half-written.
/// </summary>
internal sealed partial class DocumentIngestor(
    DocumentRepository documents,
    PatientDirectory patients,
    IBlobStore blobs,
    IViewerCatalog viewers,
    IConfiguration configuration,
    EmbargoPolicy embargo,
    TimeProvider time,
    ILogger<DocumentIngestor> logger)
{
    public long MaxBytes => configuration.GetValue("Records:MaxDocumentBytes", 64L * 1024 * 1024);

    public async Task<IngestOutcome> IngestAsync(string sourceSystem, IngestMetadata metadata, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (Validate(metadata) is { } invalid)
        {
            return IngestOutcome.Refuse(400, "Invalid metadata", invalid);
        }

        if (content.Length == 0)
        {
            return IngestOutcome.Refuse(400, "Empty content", "The content part is empty.");
        }

        if (content.Length > MaxBytes)
        {
            return IngestOutcome.Refuse(413, "Document too large", $"The limit is {MaxBytes} bytes.");
        }

        var patientId = await ResolvePatientAsync(metadata, cancellationToken);
        if (patientId is null)
        {
            return IngestOutcome.Refuse(422, "Unknown patient", "No patient of the hospital has this id or NISS.");
        }

        if (await documents.FindBySourceAsync(sourceSystem, metadata.SourceId!, cancellationToken) is { } existing)
        {
            return IngestOutcome.Ok(existing.Id, created: false, existing.MediaType);
        }

        var mediaType = MediaTypeSniffer.Detect(content.Span, metadata.FileName);
        if (mediaType == MediaTypes.Unknown)
        {
            return IngestOutcome.Refuse(415, "Unsupported content", "The content's format was not recognised from its bytes.");
        }

        var inspection = await InspectAsync(mediaType, metadata, content, cancellationToken);
        if (inspection is { Succeeded: false })
        {
            return IngestOutcome.Refuse(422, "Unreadable content", inspection.FailureReason ?? "The viewer could not read the content (corrupt or truncated).");
        }

        var document = await BuildAsync(sourceSystem, metadata, patientId.Value, mediaType, inspection, content, cancellationToken);
        var (id, created) = await documents.InsertAsync(document, cancellationToken);
        if (created)
        {
            LogIngested(logger, id, sourceSystem, mediaType, content.Length);
        }

        return IngestOutcome.Ok(id, created, mediaType);
    }

    private static string? Validate(IngestMetadata m)
    {
        if (string.IsNullOrWhiteSpace(m.SourceId) || m.SourceId.Length > 200)
        {
            return "sourceId is required (at most 200 characters).";
        }

        if (m.PatientId is null && string.IsNullOrWhiteSpace(m.PatientNiss))
        {
            return "patientId or patientNiss is required.";
        }

        if (m.PatientNiss is { Length: > 0 } && !Niss.TryParse(m.PatientNiss, out _, out _))
        {
            return "patientNiss is not a valid NISS.";
        }

        if (m.Kind is not null && !DocumentKinds.IsKnown(m.Kind))
        {
            return "kind must be one of: " + string.Join(", ", DocumentKinds.All) + ".";
        }

        if (m.MaskedBy is not null && !MaskOrigins.IsKnown(m.MaskedBy))
        {
            return "maskedBy must be author, patient or hospital.";
        }

        if (m.AuthorInami is { Length: > 0 } && !Inami.TryParse(m.AuthorInami, out _, out _))
        {
            return "authorInami is not a valid INAMI number.";
        }

        if (m.MaskedBy == MaskOrigins.Author && m.AuthorInami is not { Length: > 0 })
        {
            return "maskedBy author needs authorInami (only the author keeps access).";
        }

        return m.Title?.Length > 300 || m.Department?.Length > 100 || m.Author?.Length > 200 || m.EmbargoCategory?.Length > 50
            ? "title (300), department (100), author (200) or embargoCategory (50) is too long."
            : null;
    }

    private Task<Guid?> ResolvePatientAsync(IngestMetadata m, CancellationToken cancellationToken) =>
        m.PatientId is { } id ? patients.ExistsAsync(id, cancellationToken) : patients.FindByNissAsync(m.PatientNiss!, cancellationToken);

    private async Task<InspectionResult?> InspectAsync(string mediaType, IngestMetadata m, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var metadata = new DocumentMetadata(mediaType, m.FileName, null, m.Kind);
        var viewer = viewers.FindViewer(metadata);
        if (viewer is null)
        {
            return null;
        }

        var inspection = await InspectWithAsync(viewer, metadata, content, cancellationToken);
        var sopClass = inspection.Keys.GetValueOrDefault(InspectionKeys.SopClassUid);
        if (inspection.Succeeded && sopClass is not null && viewers.FindViewer(metadata with { SopClassUid = sopClass }) is { } specific && !ReferenceEquals(specific, viewer))
        {
            // A SOP class with its own viewer (e.g. a DICOM ECG waveform): that viewer knows its thumbnail best.
            var refined = await InspectWithAsync(specific, metadata with { SopClassUid = sopClass }, content, cancellationToken);
            if (refined.Succeeded)
            {
                var keys = new Dictionary<string, string>(inspection.Keys);
                foreach (var (k, v) in refined.Keys)
                {
                    keys[k] = v;
                }

                return refined with { Keys = keys, Title = refined.Title ?? inspection.Title, ClinicalDate = refined.ClinicalDate ?? inspection.ClinicalDate };
            }
        }

        return inspection;
    }

    private async Task<InspectionResult> InspectWithAsync(IViewer viewer, DocumentMetadata metadata, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        try
        {
            return await viewer.InspectAsync(new ViewerContent(metadata, content), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // The SDK forbids exceptions; a plugin that throws anyway must not take ingestion down.
            LogViewerFailed(logger, ex, viewer.Descriptor.Id);
            return InspectionResult.Failed("The viewer failed while reading the content.");
        }
    }

    private async Task<StoredDocument> BuildAsync(string source, IngestMetadata m, Guid patientId, string mediaType, InspectionResult? inspection, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var keys = inspection?.Keys ?? new Dictionary<string, string>();
        var sopClass = keys.GetValueOrDefault(InspectionKeys.SopClassUid);
        var sha = await blobs.PutAsync(content, cancellationToken);
        string? thumb = null;
        if (inspection?.Thumbnail is { Length: > 0 } thumbnail && inspection.ThumbnailMediaType is "image/png" or "image/jpeg")
        {
            thumb = await blobs.PutAsync(thumbnail, cancellationToken);
        }

        var embargoDays = m.EmbargoCategory is { } category ? await embargo.DaysForAsync(category, cancellationToken) : 0;
        var title = FirstText(m.Title, inspection?.Title, m.FileName is { } f ? Path.GetFileNameWithoutExtension(f) : null) ?? mediaType;
        return new StoredDocument(
            Guid.NewGuid(),
            patientId,
            Truncate(title, 300),
            m.Kind ?? DocumentKinds.Infer(mediaType, sopClass),
            // PostgreSQL timestamptz takes UTC only; documents carry their own offsets (CDA, EXIF).
            (m.ClinicalDate ?? inspection?.ClinicalDate ?? now).ToUniversalTime(),
            FirstText(m.Department) ?? "—",
            FirstText(m.Author, keys.GetValueOrDefault(InspectionKeys.Author)),
            mediaType,
            content.Length,
            sha,
            m.FileName is { } name ? Truncate(Path.GetFileName(name), 200) : null,
            source,
            m.SourceId!,
            keys.GetValueOrDefault(InspectionKeys.StudyInstanceUid),
            keys.GetValueOrDefault(InspectionKeys.SeriesInstanceUid),
            keys.GetValueOrDefault(InspectionKeys.SopInstanceUid),
            sopClass,
            keys.GetValueOrDefault(InspectionKeys.Modality),
            keys.GetValueOrDefault(InspectionKeys.SeriesDescription),
            m.MaskedBy,
            m.EmbargoCategory,
            embargoDays > 0 ? now.AddDays(embargoDays) : null,
            thumb,
            thumb is null ? null : inspection!.ThumbnailMediaType,
            now)
        {
            AuthorInami = m.AuthorInami is { Length: > 0 } inami ? Inami.Parse(inami).Digits : null,
        };
    }

    private static string? FirstText(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested document {DocumentId} from {Source} ({MediaType}, {Size} bytes)")]
    private static partial void LogIngested(ILogger logger, Guid documentId, string source, string mediaType, int size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Viewer {Viewer} threw while inspecting; content refused")]
    private static partial void LogViewerFailed(ILogger logger, Exception exception, string viewer);
}
