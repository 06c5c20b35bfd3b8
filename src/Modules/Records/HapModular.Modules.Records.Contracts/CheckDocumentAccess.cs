using MediatR;

namespace HapModular.Modules.Records.Contracts;

/// <summary>
/// Whether one document may be shown to the caller the patient-data guard already let through for the patient
/// (R6): the document belongs to that patient, is not masked (an author-masked document only for its author), and
/// its category's embargo is over. Sent by the shared guard only, after Consent's decision; other modules' requests
/// reach documents through the same guard.
/// </summary>
/// <param name="PatientId">The patient the guard decided for.</param>
/// <param name="DocumentId">The document asked for.</param>
/// <param name="Viewer">Who asks: a physician (with their INAMI), the author only, or the desk (metadata).</param>
/// <param name="ViewerInami">The physician's INAMI digits (author match on digits 1–8), or null for staff.</param>
public sealed record CheckDocumentAccess(Guid PatientId, Guid DocumentId, DocumentViewer Viewer, string? ViewerInami) : IRequest<DocumentAccessCheck>;

/// <summary>Who the document check is for.</summary>
public enum DocumentViewer
{
    /// <summary>A physician with clinical access to the patient: masks and embargoes apply.</summary>
    Physician,

    /// <summary>A physician acting on their own document (masking): they must be its author.</summary>
    Author,

    /// <summary>Desk staff on the patient's request: the document must only belong to the patient (no content is served).</summary>
    Desk,
}

/// <summary>The document check's answer.</summary>
/// <param name="Allowed">Whether the document may be used by the request.</param>
/// <param name="Reason">
/// Why, for the audit record only: <c>visible</c>, <c>document-not-found</c> (unknown or another patient's),
/// <c>masked</c>, <c>not-author</c>, <c>embargoed</c>. Callers answer every denial the same neutral way.
/// </param>
/// <param name="Title">The document's title when it belongs to the patient (for the audit record), else null.</param>
public sealed record DocumentAccessCheck(bool Allowed, string Reason, string? Title);
