using System.Globalization;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Records.Viewing;

/// <summary>A viewer target of a document (frames, pages, JSON for the client module).</summary>
internal sealed record RenderDocument(Guid PatientId, Guid DocumentId, string Target, IReadOnlyDictionary<string, string> Parameters, CultureInfo Culture)
    : IRequest<RenderedContent>, IPatientScoped
{
    Guid? IPatientScoped.DocumentId => DocumentId;

    public string AuditAction => PatientScopedActions.Render;
}
