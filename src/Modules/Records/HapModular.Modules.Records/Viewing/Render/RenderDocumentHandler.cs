using System.Text;
using HapModular.Viewers;
using MediatR;

namespace HapModular.Modules.Records.Viewing;

/// <summary>A viewer target of a document (frames, pages, JSON for the client module); HTML is sanitized again here.</summary>
internal sealed class RenderDocumentHandler(DocumentBlobs blobs, DocumentRenderer renderer) : IRequestHandler<RenderDocument, RenderedContent>
{
    public async Task<RenderedContent> Handle(RenderDocument request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var document = blobs.Document;
        var content = await blobs.ReadContentAsync(document, cancellationToken);
        if (content is null)
        {
            return RenderedContent.Failure(409, "damaged");
        }

        var result = await renderer.RenderAsync(document, content, request.Target, request.Parameters, request.Culture, cancellationToken);
        return result switch
        {
            RenderResult.HtmlFragment html => RenderedContent.Of(Encoding.UTF8.GetBytes(FragmentSanitizer.Sanitize(html.Value)), "text/html; charset=utf-8"),
            RenderResult.BinaryContent binary => RenderedContent.Of(binary.Content, binary.MediaType),
            RenderResult.JsonContent json => RenderedContent.Of(Encoding.UTF8.GetBytes(json.Value), "application/json"),
            RenderResult.CannotDisplayResult cannot => RenderedContent.Failure(422, cannot.Reason),
            _ => RenderedContent.Failure(422, "cannot display"),
        };
    }
}
