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
    /// <summary>R6: what an external physician may see now (not masked, embargo over).</summary>
    public bool IsVisibleToExternal(DateTimeOffset now) => MaskedBy is null && (EmbargoUntil is null || EmbargoUntil <= now);
}
