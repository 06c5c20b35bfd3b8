using System.Text;
using HapModular.Modules.Records.Access;
using HapModular.Modules.Records.Documents;
using HapModular.Modules.Shared.Storage;
using HapModular.SharedKernel;
using HapModular.Viewers;
using MediatR;
using Microsoft.Extensions.Logging;

namespace HapModular.Modules.Records.Viewing;

/// <summary>
/// The document reads, reached only through the guard: it already loaded the document and checked it belongs to
/// the patient and is visible (see <see cref="PatientAccessScope.Document"/>). Damaged blobs are reported, never served.
/// </summary>
internal sealed partial class DocumentHandlers(PatientAccessScope access, IBlobStore blobs, DocumentRenderer renderer, ILogger<DocumentHandlers> logger) :
    IRequestHandler<ViewDocument, DocumentView>,
    IRequestHandler<RenderDocument, RenderedContent>,
    IRequestHandler<DownloadDocument, RenderedContent>,
    IRequestHandler<GetDocumentThumbnail, RenderedContent>
{
    private StoredDocument Document => access.Document ?? throw new PatientAccessDeniedException();

    public async Task<DocumentView> Handle(ViewDocument request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var document = Document;
        var content = await ReadAsync(document, cancellationToken);
        if (content is null)
        {
            return new DocumentView(document, ViewMode.Damaged, null, null, null);
        }

        var (viewer, pluginId) = renderer.ViewerFor(document);
        var result = await renderer.RenderAsync(document, content, RenderTargets.View, new Dictionary<string, string>(), request.Culture, cancellationToken);
        var module = viewer?.Descriptor.ClientModule is { } js && pluginId is not null ? $"/plugins/{Uri.EscapeDataString(pluginId)}/{js.TrimStart('/')}" : null;
        return result switch
        {
            RenderResult.HtmlFragment html => new DocumentView(document, ViewMode.Html, FragmentSanitizer.Sanitize(html.Value), module, null),
            RenderResult.BinaryContent { MediaType: var type } when type.StartsWith("image/", StringComparison.Ordinal) => new DocumentView(document, ViewMode.Image, null, null, null),
            RenderResult.BinaryContent { MediaType: "application/pdf" } => new DocumentView(document, ViewMode.Frame, null, null, null),
            RenderResult.CannotDisplayResult cannot => new DocumentView(document, ViewMode.CannotDisplay, null, null, cannot.Reason),
            _ => new DocumentView(document, ViewMode.CannotDisplay, null, null, null),
        };
    }

    public async Task<RenderedContent> Handle(RenderDocument request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var document = Document;
        var content = await ReadAsync(document, cancellationToken);
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

    public async Task<RenderedContent> Handle(DownloadDocument request, CancellationToken cancellationToken)
    {
        var document = Document;
        var content = await ReadAsync(document, cancellationToken);
        return content is null
            ? RenderedContent.Failure(409, "damaged")
            : RenderedContent.Of(content, document.MediaType, document.FileName ?? document.Id.ToString("N"));
    }

    public async Task<RenderedContent> Handle(GetDocumentThumbnail request, CancellationToken cancellationToken)
    {
        var document = Document;
        if (document.ThumbnailSha256 is null)
        {
            return RenderedContent.Failure(404, "no thumbnail");
        }

        var thumbnail = await ReadBlobAsync(document.ThumbnailSha256, document.Id, cancellationToken);
        return thumbnail is null ? RenderedContent.Failure(409, "damaged") : RenderedContent.Of(thumbnail, document.ThumbnailMediaType ?? "image/png");
    }

    private Task<byte[]?> ReadAsync(StoredDocument document, CancellationToken cancellationToken) => ReadBlobAsync(document.Sha256, document.Id, cancellationToken);

    private async Task<byte[]?> ReadBlobAsync(string sha256, Guid documentId, CancellationToken cancellationToken)
    {
        try
        {
            return await blobs.GetAsync(sha256, cancellationToken);
        }
        catch (Exception ex) when (ex is BlobCorruptedException or BlobNotFoundException)
        {
            LogDamaged(logger, documentId, ex.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Content of document {DocumentId} is damaged or missing ({Problem}); not served")]
    private static partial void LogDamaged(ILogger logger, Guid documentId, string problem);
}
