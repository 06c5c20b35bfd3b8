namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>Recognises the ECG format from the bytes (never from the name alone) and reads it.</summary>
internal static class EcgSource
{
    public static EcgRecording? Load(ReadOnlyMemory<byte> data, out LocalText reason)
    {
        var span = data.Span;
        if (span.Length >= 22 && span.Slice(16, 6).SequenceEqual("SCPECG"u8))
        {
            return ScpEcgReader.Read(span, out reason);
        }

        if (span.Length >= 132 && span.Slice(128, 4).SequenceEqual("DICM"u8))
        {
            return DicomEcgReader.Read(data, out reason);
        }

        if (ContecReader.LooksLikeContec(span))
        {
            return ContecReader.Read(span, out reason);
        }

        var root = SafeXml.TryLoad(data)?.Root;
        if (AecgReader.IsAecg(root))
        {
            return AecgReader.Read(root!, out reason);
        }

        reason = new LocalText(root is null ? "ecg-unknown-format" : "ecg-not-aecg");
        return null;
    }
}
