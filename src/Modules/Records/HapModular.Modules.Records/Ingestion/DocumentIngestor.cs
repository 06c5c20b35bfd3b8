using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.DicomWeb;
using HapModular.Modules.Records.Documents;
using HapModular.Modules.Records.Embargo;
using HapModular.Modules.Records.Patients;
using HapModular.Modules.Shared.Storage;
using HapModular.Modules.Shared.Telemetry;
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
    DocumentInspector inspector,
    IConfiguration configuration,
    EmbargoPolicy embargo,
    DicomInstanceIndex dicomIndex,
    TimeProvider time,
    HapMetrics metrics,
    ILogger<DocumentIngestor> logger)
{
    public long MaxBytes => configuration.GetValue(DocumentLimits.Setting, DocumentLimits.DefaultMaxBytes);

    public async Task<IngestOutcome> IngestAsync(string sourceSystem, IngestMetadata metadata, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var outcome = await IngestOnceAsync(sourceSystem, metadata, content, cancellationToken);
        metrics.DocumentIngested(sourceSystem, outcome.Created ? "created" : outcome.Accepted ? "duplicate" : "refused");
        return outcome;
    }

    private async Task<IngestOutcome> IngestOnceAsync(string sourceSystem, IngestMetadata metadata, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
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

        var inspected = await inspector.InspectAsync(content, metadata.FileName, metadata.Kind, cancellationToken);
        if (inspected.MediaType == MediaTypes.Unknown)
        {
            return IngestOutcome.Refuse(415, "Unsupported content", "The content's format was not recognised from its bytes.");
        }

        if (inspected.Inspection is { Succeeded: false } failed)
        {
            return IngestOutcome.Refuse(422, "Unreadable content", failed.FailureReason ?? "The viewer could not read the content (corrupt or truncated).");
        }

        var mediaType = inspected.MediaType;
        var document = await BuildAsync(sourceSystem, metadata, patientId.Value, inspected, content, cancellationToken);
        var (id, created) = await documents.InsertAsync(document, cancellationToken);
        if (created)
        {
            LogIngested(logger, id, sourceSystem, mediaType, content.Length);
            if (mediaType == DicomInstanceIndex.DicomMediaType && document.StudyUid is not null)
            {
                await IndexAsync(id, document, content, cancellationToken);
            }
        }

        return IngestOutcome.Ok(id, created, mediaType);
    }

    /// <summary>
    /// The instance's DICOMweb index row, now rather than when a physician first opens its study. The document is stored
    /// whatever happens here: what fails is indexed on first use, as before.
    /// </summary>
    private async Task IndexAsync(Guid id, StoredDocument document, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        try
        {
            await dicomIndex.IndexIngestedAsync(id, document.Sha256, document.FileName, content, cancellationToken);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            LogNotIndexedYet(logger, id, ex.GetType().Name);
        }
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

    private async Task<StoredDocument> BuildAsync(string source, IngestMetadata m, Guid patientId, Inspected inspected, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (mediaType, inspection) = (inspected.MediaType, inspected.Inspection);
        var keys = inspection?.Keys ?? new Dictionary<string, string>();
        var sopClass = keys.GetValueOrDefault(InspectionKeys.SopClassUid);
        var sha = await blobs.PutAsync(content, cancellationToken);
        string? thumb = null;
        if (inspection?.Thumbnail is { Length: > 0 } thumbnail && inspection.ThumbnailMediaType is "image/png" or "image/jpeg")
        {
            thumb = await blobs.PutAsync(thumbnail, cancellationToken);
        }

        var embargoDays = m.EmbargoCategory is { } category ? await embargo.DaysForAsync(category, cancellationToken) : 0;
        // The file name only as the last resort: a title the sender or the content gives is what a physician reads.
        var title = FirstText(m.Title, inspection?.Title, m.FileName is { } f ? Path.GetFileNameWithoutExtension(f) : null) ?? mediaType;
        var clinicalDate = m.ClinicalDate ?? inspection?.ClinicalDate;
        var identity = inspected.Identity;
        var patient = identity is null ? null : await patients.LoadAsync(patientId, cancellationToken);
        return new StoredDocument(
            Guid.NewGuid(),
            patientId,
            Truncate(title, 300),
            inspected.Kind,
            // PostgreSQL timestamptz takes UTC only; documents carry their own offsets (CDA, EXIF). No date in the
            // content: the ingestion time only places it on the timeline, and ClinicalDateKnown says so.
            (clinicalDate ?? now).ToUniversalTime(),
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
            ClinicalDateKnown = clinicalDate is not null,
            FileIdentity = identity is null ? null : Clip(identity),
            IdentityCheck = patient is null ? null : IdentityChecks.Compare(identity, patient.FirstName, patient.LastName, patient.BirthDate),
        };
    }

    private static FileIdentity Clip(FileIdentity identity) => identity with
    {
        Name = identity.Name is { } n ? Truncate(n.Trim(), 200) : null,
        Id = identity.Id is { } i ? Truncate(i.Trim(), 100) : null,
        Source = identity.Source is { } s ? Truncate(s, 50) : null,
    };

    private static string? FirstText(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested document {DocumentId} from {Source} ({MediaType}, {Size} bytes)")]
    private static partial void LogIngested(ILogger logger, Guid documentId, string source, string mediaType, int size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DICOM document {DocumentId} stored but not indexed yet ({Error}): the first reading of its study will index it")]
    private static partial void LogNotIndexedYet(ILogger logger, Guid documentId, string error);
}
