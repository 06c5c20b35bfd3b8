namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>SCP-ECG (EN 1064): recognised; its compressed rhythm data are not decoded here yet.</summary>
internal static class ScpEcgReader
{
    public static EcgRecording? Read(ReadOnlySpan<byte> bytes, out string reason)
    {
        reason = "SCP-ECG files (EN 1064) cannot be drawn by this viewer yet; download the original to open it in the device software.";
        return null;
    }
}
