namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>DICOM waveform objects (12-lead, general ECG, hemodynamic): need the project's DICOM reader.</summary>
internal static class DicomEcgReader
{
    public static EcgRecording? Read(ReadOnlyMemory<byte> data, out string reason)
    {
        reason = "DICOM ECG waveforms cannot be drawn by this build (no DICOM reader available); download the original.";
        return null;
    }
}
