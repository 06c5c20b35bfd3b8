using HapModular.Modules.Records.Patients;
using HapModular.Viewers;
using MediatR;

namespace HapModular.Modules.Records.Viewing;

/// <summary>The document page: the document, its viewer's default view (host-sanitized) and the record's patient.</summary>
internal sealed class ViewDocumentHandler(DocumentBlobs blobs, DocumentRenderer renderer, PatientHeaderCache patients) : IRequestHandler<ViewDocument, DocumentView>
{
    public async Task<DocumentView> Handle(ViewDocument request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var document = blobs.Document;
        // The record's patient, beside the one the file names (issue 11: a misfiled document must show).
        var patient = await patients.GetAsync(document.PatientId, cancellationToken);
        var content = await blobs.ReadContentAsync(document, cancellationToken);
        if (content is null)
        {
            return new DocumentView(document, ViewMode.Damaged, null, null, null) { RecordPatient = patient };
        }

        var (viewer, pluginId) = renderer.ViewerFor(document);
        var result = await renderer.RenderAsync(document, content, RenderTargets.View, new Dictionary<string, string>(), request.Culture, cancellationToken);
        var module = viewer?.Descriptor.ClientModule is { } js && pluginId is not null ? $"/plugins/{Uri.EscapeDataString(pluginId)}/{js.TrimStart('/')}" : null;
        var view = result switch
        {
            RenderResult.HtmlFragment html => new DocumentView(document, ViewMode.Html, FragmentSanitizer.Sanitize(html.Value), module, null),
            RenderResult.BinaryContent { MediaType: var type } when type.StartsWith("image/", StringComparison.Ordinal) => new DocumentView(document, ViewMode.Image, null, null, null),
            RenderResult.BinaryContent { MediaType: "application/pdf" } => new DocumentView(document, ViewMode.Frame, null, null, null),
            RenderResult.CannotDisplayResult cannot => new DocumentView(document, ViewMode.CannotDisplay, null, null, cannot.Reason),
            _ => new DocumentView(document, ViewMode.CannotDisplay, null, null, null),
        };
        return view with { RecordPatient = patient };
    }
}
