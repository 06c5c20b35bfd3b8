namespace HapModular.SharedKernel;

/// <summary>
/// Marks a MediatR request that reads or changes a patient's data. Every such request passes the one guard
/// (a pipeline behaviour of the shared layer) that asks Consent for the access decision (R1), Records for the
/// document's visibility (R6), and writes the audit record (R7); handlers never re-check access themselves.
/// A refusal throws <see cref="PatientAccessDeniedException"/>. An architecture test proves none can skip the guard,
/// and that every request carrying a patient id is either marked or on its explicit allow-list.
/// </summary>
/// <remarks>
/// To declare a new patient-scoped request: implement this interface with an action from
/// <see cref="PatientScopedActions"/>; expose <see cref="DocumentId"/> when the request touches one document; add
/// <see cref="IHospitalDeskRequest"/> for the desk, <see cref="IPatientSelfService"/> for the patient in person,
/// <see cref="IDocumentAuthorRequest"/> when only the document's author may send it. Physicians need nothing more.
/// </remarks>
public interface IPatientScoped
{
    /// <summary>The patient whose data the request touches.</summary>
    Guid PatientId { get; }

    /// <summary>The document, when the request touches one document (read, render, download).</summary>
    Guid? DocumentId => null;

    /// <summary>What the request does, for the audit record (see <see cref="PatientScopedActions"/>).</summary>
    string AuditAction { get; }
}
