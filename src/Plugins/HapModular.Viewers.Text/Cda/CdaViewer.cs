using System.Xml.Linq;

namespace HapModular.Viewers.Text.Cda;

/// <summary>
/// HL7 CDA R2 / C-CDA documents: narrative sections as HTML (own transform, no XSLT), an unstructured body's
/// base64 PDF through the <c>pdf</c> target, a referenced file as a plain note.
/// </summary>
internal sealed class CdaViewer : IViewer
{
    public const string CdaMediaType = "application/hl7-cda+xml";

    // Generic XML is claimed below the media-type score so a more specific XML viewer (aECG) wins it.
    private const int GenericXmlScore = 30;

    public ViewerDescriptor Descriptor { get; } = new("text.cda", "HL7 CDA document", [CdaMediaType, "application/xml", "text/xml"], [], ReportPage.SearchModule);

    public int Match(DocumentMetadata metadata)
    {
        if (string.Equals(metadata.MediaType, CdaMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return MatchScore.MediaType;
        }

        return metadata.MediaType.Equals("application/xml", StringComparison.OrdinalIgnoreCase) || metadata.MediaType.Equals("text/xml", StringComparison.OrdinalIgnoreCase)
            ? GenericXmlScore
            : MatchScore.None;
    }

    public ValueTask<InspectionResult> InspectAsync(ViewerContent content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var root = SafeXml.TryLoad(content.Data)?.Root;
        if (!CdaRenderer.IsCda(root))
        {
            return ValueTask.FromResult(InspectionResult.Failed(NotCda(root)));
        }

        var keys = new Dictionary<string, string>();
        if (CdaRenderer.AuthorName(root!) is { } author)
        {
            keys[InspectionKeys.Author] = author;
        }

        return ValueTask.FromResult(new InspectionResult
        {
            Title = CdaRenderer.Title(root!),
            ClinicalDate = CdaRenderer.EffectiveTime(root!),
            Identity = CdaFacts.Identity(root!),
            Kind = CdaFacts.Kind(root!),
            Keys = keys,
        });
    }

    public ValueTask<RenderResult> RenderAsync(ViewerContent content, RenderRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var root = SafeXml.TryLoad(content.Data)?.Root;
        if (!CdaRenderer.IsCda(root))
        {
            return ValueTask.FromResult(RenderResult.CannotDisplay(NotCda(root)));
        }

        if (request.Target == "pdf")
        {
            return ValueTask.FromResult(Pdf.PdfBytes.Serve(CdaRenderer.EmbeddedPdf(root!)));
        }

        var html = ReportPage.Open("cda", request.Culture);
        CdaRenderer.Render(root!, html, request);
        return ValueTask.FromResult(RenderResult.Html(ReportPage.Close(html)));
    }

    private static string NotCda(XElement? root) =>
        root is null ? "The file is not well-formed XML (or uses a DTD, which is refused)." : "The XML document is not an HL7 CDA document (no ClinicalDocument root).";
}
