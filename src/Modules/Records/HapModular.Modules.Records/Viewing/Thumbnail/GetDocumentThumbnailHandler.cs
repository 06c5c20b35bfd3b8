using MediatR;

namespace HapModular.Modules.Records.Viewing;

/// <summary>The thumbnail made at ingestion (metadata-free: the viewer encoded it from pixels only).</summary>
internal sealed class GetDocumentThumbnailHandler(DocumentBlobs blobs) : IRequestHandler<GetDocumentThumbnail, RenderedContent>
{
    public async Task<RenderedContent> Handle(GetDocumentThumbnail request, CancellationToken cancellationToken)
    {
        var document = blobs.Document;
        if (document.ThumbnailSha256 is null)
        {
            return RenderedContent.Failure(404, "no thumbnail");
        }

        var thumbnail = await blobs.ReadAsync(document.ThumbnailSha256, document.Id, cancellationToken);
        return thumbnail is null ? RenderedContent.Failure(409, "damaged") : RenderedContent.Of(thumbnail, document.ThumbnailMediaType ?? "image/png");
    }
}
