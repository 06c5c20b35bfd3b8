using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Viewing;
using MediatR;

namespace HapModular.Modules.Records.Documents.Reading;

/// <summary>The original bytes exactly as ingested, hash verified by the blob store; damaged content is never served.</summary>
internal sealed class GetDocumentOriginalHandler(DocumentBlobs blobs) : IRequestHandler<GetDocumentOriginal, DocumentOriginal?>
{
    public async Task<DocumentOriginal?> Handle(GetDocumentOriginal request, CancellationToken cancellationToken)
    {
        var document = blobs.Document;
        var content = await blobs.ReadContentAsync(document, cancellationToken);
        return content is null ? null : new DocumentOriginal(content, document.MediaType, document.FileName);
    }
}
