using HapModular.Modules.Records.Contracts;
using MediatR;

namespace HapModular.Modules.Records.Documents.Reading;

/// <summary>The patient of a document id (for the guarded request that follows; never an answer by itself).</summary>
internal sealed class FindDocumentPatientHandler(DocumentRepository documents) : IRequestHandler<FindDocumentPatient, Guid?>
{
    public async Task<Guid?> Handle(FindDocumentPatient request, CancellationToken cancellationToken) =>
        (await documents.FindAsync(request.DocumentId, cancellationToken))?.PatientId;
}
