using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Records.Viewing;

/// <summary>The ingestion thumbnail.</summary>
internal sealed record GetDocumentThumbnail(Guid PatientId, Guid DocumentId) : IRequest<RenderedContent>, IPatientScoped
{
    Guid? IPatientScoped.DocumentId => DocumentId;

    public string AuditAction => PatientScopedActions.Render;
}
