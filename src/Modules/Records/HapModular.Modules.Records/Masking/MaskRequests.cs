using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Records.Masking;

/// <summary>
/// The author physician masks (or unmasks) their own document (R6): while masked, only they keep access. The guard
/// refuses anyone but the author with the usual neutral answer. True when something changed.
/// </summary>
internal sealed record MaskOwnDocument(Guid PatientId, Guid DocumentId, bool Mask) : IRequest<bool>, IPatientScoped, IDocumentAuthorRequest
{
    Guid? IPatientScoped.DocumentId => DocumentId;

    public string AuditAction => Mask ? PatientScopedActions.Mask : PatientScopedActions.Unmask;
}

/// <summary>
/// The patient, through the desk, masks (or unmasks) one of their documents (R6), with the reference of the
/// patient's request. A document masked by its author or by the hospital is left as it is. True when something changed.
/// </summary>
internal sealed record DeskMaskDocument(Guid PatientId, Guid DocumentId, bool Mask, string RequestReference) : IRequest<bool>, IPatientScoped, IHospitalDeskRequest
{
    Guid? IPatientScoped.DocumentId => DocumentId;

    public string AuditAction => Mask ? PatientScopedActions.Mask : PatientScopedActions.Unmask;
}

/// <summary>The desk's view of a patient's documents (metadata only) and of the masking changes made at the desk.</summary>
internal sealed record GetDeskDocuments(Guid PatientId) : IRequest<DeskDocuments>, IPatientScoped, IHospitalDeskRequest
{
    public string AuditAction => PatientScopedActions.DeskDocuments;
}

/// <summary>A document as desk staff see it: no content; no title when its author masked it (R6, the patient never sees it).</summary>
internal sealed record DeskDocumentRow(Guid Id, string? Title, string Kind, DateTimeOffset ClinicalDate, string Department, string? MaskedBy, string? EmbargoCategory, DateTimeOffset? EmbargoUntil);

/// <summary>One masking change made at the desk, with the patient's request reference.</summary>
internal sealed record DeskMaskChange(DateTimeOffset At, Guid DocumentId, string? Title, bool Masked, string ActorName, string? RequestReference);

internal sealed record DeskDocuments(IReadOnlyList<DeskDocumentRow> Documents, IReadOnlyList<DeskMaskChange> Changes);
