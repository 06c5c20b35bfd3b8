using MediatR;

namespace HapModular.Modules.Records.Viewing;

/// <summary>The original bytes exactly as ingested (hash verified by the blob store), under the original file name.</summary>
internal sealed class DownloadDocumentHandler(DocumentBlobs blobs) : IRequestHandler<DownloadDocument, RenderedContent>
{
    public async Task<RenderedContent> Handle(DownloadDocument request, CancellationToken cancellationToken)
    {
        var document = blobs.Document;
        var content = await blobs.ReadContentAsync(document, cancellationToken);
        return content is null
            ? RenderedContent.Failure(409, "damaged")
            : RenderedContent.Of(content, document.MediaType, document.FileName ?? document.Id.ToString("N"));
    }
}
