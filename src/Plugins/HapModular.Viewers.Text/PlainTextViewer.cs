using System.Text;

namespace HapModular.Viewers.Text;

/// <summary>Plain-text reports: shown escaped, line breaks kept, in a monospace-friendly block.</summary>
internal sealed class PlainTextViewer : IViewer
{
    public ViewerDescriptor Descriptor { get; } = new("text.plain", "Plain text report", ["text/plain"], []);

    public int Match(DocumentMetadata metadata) =>
        string.Equals(metadata.MediaType, "text/plain", StringComparison.OrdinalIgnoreCase) ? MatchScore.MediaType : MatchScore.None;

    public ValueTask<InspectionResult> InspectAsync(ViewerContent content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!TextDecoding.TryDecode(content.Data.Span, out var text))
        {
            return ValueTask.FromResult(InspectionResult.Failed("The file is not readable text (binary content or unknown encoding)."));
        }

        return ValueTask.FromResult(new InspectionResult { Title = TextTitles.FromFirstLine(text) });
    }

    public ValueTask<RenderResult> RenderAsync(ViewerContent content, RenderRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!TextDecoding.TryDecode(content.Data.Span, out var text))
        {
            return ValueTask.FromResult(RenderResult.CannotDisplay("The file is not readable text (binary content or unknown encoding)."));
        }

        var html = new StringBuilder("<pre class=\"hap-text-report\">");
        html.Append(HtmlText.EncodeKeepingLines(text));
        html.Append("</pre>");
        return ValueTask.FromResult(RenderResult.Html(html.ToString()));
    }
}
