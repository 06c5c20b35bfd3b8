using HapModular.Viewers.Dicom.DicomWeb;

namespace HapModular.Viewers.Dicom;

/// <summary>Entry point: the DICOM viewer (images, SR, encapsulated PDF).</summary>
public sealed class DicomViewersPlugin : IViewerPlugin
{
    /// <inheritdoc />
    public IReadOnlyList<IViewer> CreateViewers(PluginContext context)
    {
        var viewer = new DicomViewer();
        // The first image of a fresh host must not pay for compiling the image paths (background, never awaited).
        _ = RenderWarmUp.Start(viewer);
        return [viewer];
    }
}
