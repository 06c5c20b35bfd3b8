namespace HapModular.SharedKernel;

/// <summary>
/// Marks a MediatR request that reads or changes a patient's data. Every such request passes the one guard
/// (a pipeline behaviour) that asks Consent for the access decision (R1) and writes the audit record (R7);
/// handlers never re-check access themselves. An architecture test proves none can skip the guard.
/// </summary>
public interface IPatientScoped
{
    /// <summary>The patient whose data the request touches.</summary>
    Guid PatientId { get; }

    /// <summary>The document, when the request touches one document (read, render, download).</summary>
    Guid? DocumentId => null;

    /// <summary>What the request does, for the audit record (read, search, render, download…).</summary>
    string AuditAction { get; }
}
