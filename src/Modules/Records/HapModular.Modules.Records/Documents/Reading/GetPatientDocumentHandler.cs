using HapModular.Modules.Records.Access;
using HapModular.Modules.Records.Contracts;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Records.Documents.Reading;

/// <summary>The document the guard already loaded and checked (R6), as metadata only.</summary>
internal sealed class GetPatientDocumentHandler(PatientAccessScope access) : IRequestHandler<GetPatientDocument, PatientDocument>
{
    public Task<PatientDocument> Handle(GetPatientDocument request, CancellationToken cancellationToken)
    {
        var d = access.Document ?? throw new PatientAccessDeniedException();
        return Task.FromResult(new PatientDocument(
            d.Id, d.PatientId, d.Title, d.Kind, d.Department, d.ClinicalDate, d.ClinicalDateKnown, d.Author, d.MediaType,
            d.FileName, d.Size, d.Sha256, d.IngestedAt));
    }
}
