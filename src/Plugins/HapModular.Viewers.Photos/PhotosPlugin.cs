namespace HapModular.Viewers.Photos;

/// <summary>Entry point: the clinical photo viewer (JPEG, PNG; HEIC/HEIF recognised but offered as download).</summary>
public sealed class PhotosPlugin : IViewerPlugin
{
    /// <inheritdoc />
    public IReadOnlyList<IViewer> CreateViewers(PluginContext context) => [new PhotoViewer()];
}
