using HapModular.Dicom.Imaging;

namespace HapModular.Viewers.Dicom;

/// <summary>
/// Modality values packed as 16-bit little endian for the client: value = raw × Scale + Offset. Scale is 1 and
/// Offset 0 whenever the values are integers within the int16 range (CT, MR…); RT dose or PET values are scaled.
/// </summary>
internal sealed record RawFrame(byte[] Bytes, double Scale, double Offset, double Min, double Max, WindowLevel? Window)
{
    public static RawFrame From(DicomImage image, int frame)
    {
        var values = image.ModalityValuesExact(frame, out var window);
        double min = values.Length == 0 ? 0 : values.Min(), max = values.Length == 0 ? 0 : values.Max();
        var integral = min >= short.MinValue && max <= short.MaxValue && values.All(v => v == Math.Round(v));
        var scale = integral || max == min ? 1 : (max - min) / 65535;
        var offset = integral ? 0 : max == min ? min : min + (32768 * scale);
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            var raw = (short)Math.Clamp(Math.Round((values[i] - offset) / scale), short.MinValue, short.MaxValue);
            bytes[i * 2] = (byte)raw;
            bytes[(i * 2) + 1] = (byte)(raw >> 8);
        }

        return new RawFrame(bytes, scale, offset, min, max, window);
    }
}
