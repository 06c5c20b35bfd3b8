namespace HapModular.Viewers.Dicom;

/// <summary>Entry point: the DICOM viewer (images, SR, encapsulated PDF).</summary>
public sealed class DicomViewersPlugin : IViewerPlugin
{
    /// <inheritdoc />
    public IReadOnlyList<IViewer> CreateViewers(PluginContext context) => [new DicomViewer()];
}
