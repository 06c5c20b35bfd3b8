namespace HapModular.Viewers.Text;

/// <summary>HTML reports: sanitized (no script, no event handlers, no javascript: URLs, no CSS expressions).</summary>
internal sealed class HtmlReportViewer : IViewer
{
    public ViewerDescriptor Descriptor { get; } = new("text.html", "HTML report", ["text/html", "application/xhtml+xml"], []);

    public int Match(DocumentMetadata metadata) =>
        Descriptor.MediaTypes.Contains(metadata.MediaType, StringComparer.OrdinalIgnoreCase) ? MatchScore.MediaType : MatchScore.None;

    public ValueTask<InspectionResult> InspectAsync(ViewerContent content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!TextDecoding.TryDecode(content.Data.Span, out var text))
        {
            return ValueTask.FromResult(InspectionResult.Failed("The file is not readable HTML (binary content)."));
        }

        var title = ReportSanitizer.ExtractTitle(text);
        return ValueTask.FromResult(new InspectionResult { Title = title });
    }

    public ValueTask<RenderResult> RenderAsync(ViewerContent content, RenderRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!TextDecoding.TryDecode(content.Data.Span, out var text))
        {
            return ValueTask.FromResult(RenderResult.CannotDisplay("The file is not readable HTML (binary content)."));
        }

        var safe = ReportSanitizer.Sanitize(text);
        return ValueTask.FromResult(RenderResult.Html("<article class=\"hap-html-report\">" + safe + "</article>"));
    }
}
