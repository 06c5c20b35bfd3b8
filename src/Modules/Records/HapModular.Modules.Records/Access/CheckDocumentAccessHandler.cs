using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Documents;
using MediatR;

namespace HapModular.Modules.Records.Access;

/// <summary>
/// R6 for one document, asked by the shared guard after Consent allowed the patient: belongs to the patient, not
/// masked (an author-masked document only for its author), embargo over. The document it loaded is kept in
/// <see cref="PatientAccessScope"/> when allowed, so the request's handler does not read it twice.
/// </summary>
internal sealed class CheckDocumentAccessHandler(DocumentRepository documents, PatientAccessScope scope, TimeProvider time)
    : IRequestHandler<CheckDocumentAccess, DocumentAccessCheck>
{
    public async Task<DocumentAccessCheck> Handle(CheckDocumentAccess request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        scope.Document = null;
        var document = await documents.FindAsync(request.DocumentId, cancellationToken);
        if (document is null || document.PatientId != request.PatientId)
        {
            return new DocumentAccessCheck(false, "document-not-found", null);
        }

        var reason = request.Viewer == DocumentViewer.Desk ? null : PhysicianDenial(document, request);
        if (reason is not null)
        {
            return new DocumentAccessCheck(false, reason, document.Title);
        }

        scope.Document = document;
        return new DocumentAccessCheck(true, "visible", document.Title);
    }

    private string? PhysicianDenial(StoredDocument document, CheckDocumentAccess request)
    {
        // R6: only the masking physician (the author) keeps access to an author-masked document.
        var ownMask = document.IsMaskedByAuthor && document.IsAuthoredBy(request.ViewerInami);
        if (document.MaskedBy is not null && !ownMask)
        {
            return "masked";
        }

        if (request.Viewer == DocumentViewer.Author && !document.IsAuthoredBy(request.ViewerInami))
        {
            return "not-author";
        }

        return document.EmbargoUntil is { } until && until > time.GetUtcNow() ? "embargoed" : null;
    }
}
