using System.Globalization;
using HapModular.Modules.Records.Documents;
using HapModular.Modules.Records.Patients;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Records.Viewing;

/// <summary>The document page: the document and its viewer's default view.</summary>
internal sealed record ViewDocument(Guid PatientId, Guid DocumentId, CultureInfo Culture) : IRequest<DocumentView>, IPatientScoped
{
    Guid? IPatientScoped.DocumentId => DocumentId;

    public string AuditAction => PatientScopedActions.Read;
}

/// <summary>How the document page shows a document.</summary>
internal enum ViewMode
{
    Html,
    Image,
    Frame,
    CannotDisplay,
    Damaged,
}

internal sealed record DocumentView(StoredDocument Document, ViewMode Mode, string? Html, string? ClientModuleUrl, string? Reason)
{
    /// <summary>The record's patient, shown beside the patient the file itself names.</summary>
    public CachedPatient? RecordPatient { get; init; }
}
