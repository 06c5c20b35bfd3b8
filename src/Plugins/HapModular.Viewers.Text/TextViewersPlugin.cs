namespace HapModular.Viewers.Text;

/// <summary>Entry point: the text-report viewers.</summary>
public sealed class TextViewersPlugin : IViewerPlugin
{
    /// <inheritdoc />
    public IReadOnlyList<IViewer> CreateViewers(PluginContext context) =>
        [new PlainTextViewer(), new HtmlReportViewer()];
}
