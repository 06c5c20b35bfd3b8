using System.Text;
using HapModular.Viewers;

namespace HapModular.SampleViewerPlugin;

/// <summary>What a hospital developer writes: one viewer for a media type the portal did not know.</summary>
public sealed class SamplePlugin : IViewerPlugin
{
    /// <inheritdoc />
    public IReadOnlyList<IViewer> CreateViewers(PluginContext context) => [new CsvViewer()];

    private sealed class CsvViewer : IViewer
    {
        public ViewerDescriptor Descriptor { get; } = new("sample.csv", "Sample CSV table", ["application/x-sample-csv"], []);

        public int Match(DocumentMetadata metadata) => metadata.MediaType == "application/x-sample-csv" ? MatchScore.MediaType : MatchScore.None;

        public ValueTask<InspectionResult> InspectAsync(ViewerContent content, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new InspectionResult { Title = "CSV" });

        public ValueTask<RenderResult> RenderAsync(ViewerContent content, RenderRequest request, CancellationToken cancellationToken)
        {
            var rows = Encoding.UTF8.GetString(content.Data.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return ValueTask.FromResult(RenderResult.Html("<table>" + string.Concat(rows.Select(r => "<tr><td>" + System.Net.WebUtility.HtmlEncode(r) + "</td></tr>")) + "</table>"));
        }
    }
}
