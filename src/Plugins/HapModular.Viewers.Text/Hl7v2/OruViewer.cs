namespace HapModular.Viewers.Text.Hl7v2;

/// <summary>HL7 v2 result messages (ORU^R01): lab tables, text reports, attached PDF (<c>pdf?obx=n</c>) or CDA.</summary>
internal sealed class OruViewer : IViewer
{
    public ViewerDescriptor Descriptor { get; } = new(
        "text.hl7v2", "HL7 v2 result message", ["application/hl7-v2", "x-application/hl7-v2+er7", "application/x-hl7"], [], ReportPage.SearchModule);

    public int Match(DocumentMetadata metadata) =>
        Descriptor.MediaTypes.Contains(metadata.MediaType, StringComparer.OrdinalIgnoreCase) ? MatchScore.MediaType : MatchScore.None;

    public ValueTask<InspectionResult> InspectAsync(ViewerContent content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Parse(content, out var reason) is not { } message)
        {
            return ValueTask.FromResult(InspectionResult.Failed(reason));
        }

        var identity = OruFacts.Identity(message);
        var keys = new Dictionary<string, string>();
        if (identity?.Id is { } id)
        {
            keys[InspectionKeys.PatientId] = id;
        }

        return ValueTask.FromResult(new InspectionResult
        {
            Title = OruFacts.Title(message),
            ClinicalDate = OruFacts.ClinicalDate(message),
            Identity = identity,
            Kind = OruFacts.Kind(message),
            Keys = keys,
        });
    }

    public ValueTask<RenderResult> RenderAsync(ViewerContent content, RenderRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Parse(content, out var reason) is not { } message)
        {
            return ValueTask.FromResult(RenderResult.CannotDisplay(reason));
        }

        if (request.Target == "pdf")
        {
            return ValueTask.FromResult(Pdf.PdfBytes.Serve(OruRenderer.EmbeddedPdf(message, request.GetInt("obx", 0))));
        }

        return ValueTask.FromResult(RenderResult.Html(OruRenderer.Render(message, request)));
    }

    private static Hl7Message? Parse(ViewerContent content, out string reason)
    {
        reason = "The file is not an HL7 v2 message (no MSH segment).";
        if (!TextDecoding.TryDecode(content.Data.Span, out var text) || Hl7Message.TryParse(text) is not { } message)
        {
            return null;
        }

        if (!message.Segments.Any(s => s.Name is "OBX" or "OBR"))
        {
            reason = "The HL7 v2 message carries no results (no OBR or OBX segment).";
            return null;
        }

        return message;
    }
}
