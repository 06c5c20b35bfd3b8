using HapModular.Viewers;

namespace HapModular.Modules.Records.Documents;

/// <summary>One document of a patient's record, as stored in <c>records.documents</c>.</summary>
internal sealed record StoredDocument(
    Guid Id,
    Guid PatientId,
    string Title,
    string Kind,
    DateTimeOffset ClinicalDate,
    string Department,
    string? Author,
    string MediaType,
    long Size,
    string Sha256,
    string? FileName,
    string SourceSystem,
    string SourceId,
    string? StudyUid,
    string? SeriesUid,
    string? InstanceUid,
    string? SopClassUid,
    string? Modality,
    string? SeriesDescription,
    string? MaskedBy,
    string? EmbargoCategory,
    DateTimeOffset? EmbargoUntil,
    string? ThumbnailSha256,
    string? ThumbnailMediaType,
    DateTimeOffset IngestedAt)
{
    /// <summary>The author's INAMI digits (ingestion metadata), when known: only the author may mask it (R6).</summary>
    public string? AuthorInami { get; init; }

    /// <summary>
    /// Whether <see cref="ClinicalDate"/> comes from the content or the sender. When false the content gave no date:
    /// <see cref="ClinicalDate"/> is the ingestion time (the timeline position only) and pages say the date is unknown.
    /// </summary>
    public bool ClinicalDateKnown { get; init; } = true;

    /// <summary>The patient the file itself names (never logged), or null when it names nobody.</summary>
    public FileIdentity? FileIdentity { get; init; }

    /// <summary><see cref="IdentityChecks.Match"/> or <see cref="IdentityChecks.Mismatch"/> at ingestion; null when the file names nobody.</summary>
    public string? IdentityCheck { get; init; }

    /// <summary>Masked by its author: the author keeps access, every other physician is refused (R6).</summary>
    public bool IsMaskedByAuthor => MaskedBy == MaskOrigins.Author;

    /// <summary>Whether the physician with these INAMI digits is the document's author (identity part, digits 1–8).</summary>
    public bool IsAuthoredBy(string? inami) =>
        AuthorInami is { Length: 11 } author && inami is { Length: 11 } && string.Equals(author[..8], inami[..8], StringComparison.Ordinal);

    /// <summary>R6: what an external physician may see now (not masked, embargo over).</summary>
    public bool IsVisibleToExternal(DateTimeOffset now) => MaskedBy is null && (EmbargoUntil is null || EmbargoUntil <= now);
}
