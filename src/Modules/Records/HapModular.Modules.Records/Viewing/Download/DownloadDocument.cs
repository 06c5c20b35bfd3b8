using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Records.Viewing;

/// <summary>The original bytes, exactly as ingested (hash verified).</summary>
internal sealed record DownloadDocument(Guid PatientId, Guid DocumentId) : IRequest<RenderedContent>, IPatientScoped
{
    Guid? IPatientScoped.DocumentId => DocumentId;

    public string AuditAction => PatientScopedActions.Download;
}
