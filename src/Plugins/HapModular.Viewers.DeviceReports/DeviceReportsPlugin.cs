namespace HapModular.Viewers.DeviceReports;

/// <summary>Entry point: ECG (HL7 aECG, Contec ECG90A, SCP-ECG, DICOM waveform) and spirometry viewers.</summary>
public sealed class DeviceReportsPlugin : IViewerPlugin
{
    /// <inheritdoc />
    public IReadOnlyList<IViewer> CreateViewers(PluginContext context) => [new Ecg.EcgViewer(), new Spirometry.SpirometryViewer()];
}
