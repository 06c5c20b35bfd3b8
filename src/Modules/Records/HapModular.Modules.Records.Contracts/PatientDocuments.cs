using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Records.Contracts;

/// <summary>
/// Who a patient is, for a standard interface (FHIR <c>Patient</c>): through the guard, audited as a read. Same fields
/// as the page banner; the NISS only masked.
/// </summary>
/// <param name="PatientId">The patient.</param>
public sealed record GetPatientIdentity(Guid PatientId) : IRequest<PatientBanner>, IPatientScoped
{
    /// <inheritdoc />
    public string AuditAction => PatientScopedActions.Read;
}

/// <summary>
/// A patient's documents the caller may see (R6: masked and embargoed ones leave no trace, not even in
/// <see cref="PatientDocumentList.Total"/>), newest first, one entry per document (an imaging series is one entry per
/// instance here: software counts what it fetches). Through the guard, audited as a search.
/// </summary>
/// <param name="PatientId">The patient.</param>
/// <param name="Filter">Optional filters.</param>
/// <param name="Offset">Documents to skip (paging).</param>
/// <param name="Count">Documents to return, 0–200 (0: only the total).</param>
public sealed record ListPatientDocuments(Guid PatientId, PatientDocumentFilter Filter, int Offset, int Count) : IRequest<PatientDocumentList>, IPatientScoped
{
    /// <inheritdoc />
    public string AuditAction => PatientScopedActions.Search;
}

/// <summary>Filters of <see cref="ListPatientDocuments"/>, all optional and combined.</summary>
/// <param name="From">Clinical date on or after this instant.</param>
/// <param name="To">Clinical date strictly before this instant.</param>
/// <param name="Kinds">Any of these kinds (report, imaging, device-report, photo, lab, other).</param>
/// <param name="Department">The department (the timeline's department filter).</param>
public sealed record PatientDocumentFilter(DateTimeOffset? From = null, DateTimeOffset? To = null, IReadOnlyList<string>? Kinds = null, string? Department = null);

/// <summary>One page of <see cref="ListPatientDocuments"/>.</summary>
/// <param name="Total">How many documents match in all.</param>
/// <param name="Documents">This page.</param>
public sealed record PatientDocumentList(int Total, IReadOnlyList<PatientDocument> Documents);

/// <summary>A document's metadata (never its content).</summary>
/// <param name="DocumentId">Id.</param>
/// <param name="PatientId">The patient it belongs to.</param>
/// <param name="Title">Title.</param>
/// <param name="Kind">Kind (report, imaging, device-report, photo, lab, other).</param>
/// <param name="Department">Producing department.</param>
/// <param name="ClinicalDate">Clinical date (the ingestion time when <paramref name="ClinicalDateKnown"/> is false).</param>
/// <param name="ClinicalDateKnown">Whether the content or its sender gave the date.</param>
/// <param name="Author">Author's name, when known.</param>
/// <param name="MediaType">Media type of the original.</param>
/// <param name="FileName">Original file name, when known.</param>
/// <param name="Size">Size of the original in bytes.</param>
/// <param name="Sha256">SHA-256 of the original, lower-case hex.</param>
/// <param name="IngestedAt">When the portal received it.</param>
public sealed record PatientDocument(
    Guid DocumentId,
    Guid PatientId,
    string Title,
    string Kind,
    string Department,
    DateTimeOffset ClinicalDate,
    bool ClinicalDateKnown,
    string? Author,
    string MediaType,
    string? FileName,
    long Size,
    string Sha256,
    DateTimeOffset IngestedAt);

/// <summary>One document's metadata, through the guard (R6 for that document), audited as a search.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="DocumentId">The document.</param>
public sealed record GetPatientDocument(Guid PatientId, Guid DocumentId) : IRequest<PatientDocument>, IPatientScoped
{
    Guid? IPatientScoped.DocumentId => DocumentId;

    /// <inheritdoc />
    public string AuditAction => PatientScopedActions.Search;
}

/// <summary>
/// The original bytes of one document exactly as ingested (hash verified), through the guard, audited as a download.
/// Null when the stored content is damaged (never served).
/// </summary>
/// <param name="PatientId">The patient.</param>
/// <param name="DocumentId">The document.</param>
public sealed record GetDocumentOriginal(Guid PatientId, Guid DocumentId) : IRequest<DocumentOriginal?>, IPatientScoped
{
    Guid? IPatientScoped.DocumentId => DocumentId;

    /// <inheritdoc />
    public string AuditAction => PatientScopedActions.Download;
}

/// <summary>A document's original content.</summary>
/// <param name="Content">The bytes.</param>
/// <param name="MediaType">Media type.</param>
/// <param name="FileName">Original file name, when known.</param>
public sealed record DocumentOriginal(byte[] Content, string MediaType, string? FileName);

/// <summary>
/// Which patient a document id belongs to, so that an interface addressing documents by their id alone (FHIR
/// <c>DocumentReference/{id}</c>, <c>Binary/{id}</c>) can send its patient-scoped request through the guard. The
/// answer must never reach the user by itself: send the guarded request and answer every refusal the neutral way.
/// </summary>
/// <param name="DocumentId">The document.</param>
public sealed record FindDocumentPatient(Guid DocumentId) : IRequest<Guid?>;
