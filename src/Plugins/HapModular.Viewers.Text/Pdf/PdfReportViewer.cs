namespace HapModular.Viewers.Text.Pdf;

/// <summary>
/// PDF reports: the browser's own viewer in a sandboxed frame (target <c>pdf</c>) and a download link. The
/// client module only brings the stylesheet here; it adds no search bar to a bare PDF page.
/// </summary>
internal sealed class PdfReportViewer : IViewer
{
    public ViewerDescriptor Descriptor { get; } = new("text.pdf", "PDF report", ["application/pdf"], [], ReportPage.SearchModule);

    public int Match(DocumentMetadata metadata) =>
        string.Equals(metadata.MediaType, "application/pdf", StringComparison.OrdinalIgnoreCase) ? MatchScore.MediaType : MatchScore.None;

    public ValueTask<InspectionResult> InspectAsync(ViewerContent content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var span = content.Data.Span;
        if (!PdfBytes.LooksLikePdf(span))
        {
            return ValueTask.FromResult(InspectionResult.Failed("Not a PDF file (no %PDF header)."));
        }

        // The SDK contract: truncated content is refused at ingestion, not stored for a viewer to stumble on.
        if (!PdfBytes.HasEndOfFile(span))
        {
            return ValueTask.FromResult(InspectionResult.Failed("The PDF is truncated (no end-of-file marker): the document would be incomplete."));
        }

        // The PDF's own title and creation date; without them the title falls back to the file name and the date stays unknown.
        var (title, created) = PdfFacts.Read(content.Data);
        return ValueTask.FromResult(new InspectionResult { Title = title, ClinicalDate = created });
    }

    public ValueTask<RenderResult> RenderAsync(ViewerContent content, RenderRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!PdfBytes.LooksLikePdf(content.Data.Span))
        {
            return ValueTask.FromResult(RenderResult.CannotDisplay("Not a PDF file (no %PDF header)."));
        }

        if (request.Target == "pdf")
        {
            return ValueTask.FromResult(RenderResult.Binary(content.Data.ToArray(), "application/pdf"));
        }

        var html = ReportPage.Open("pdf", request.Culture);
        ReportPage.PdfFrame(html, request);
        return ValueTask.FromResult(RenderResult.Html(ReportPage.Close(html)));
    }
}
