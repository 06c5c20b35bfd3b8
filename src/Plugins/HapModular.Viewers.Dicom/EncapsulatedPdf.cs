namespace HapModular.Viewers.Dicom;

/// <summary>The document inside Encapsulated Document (0042,0011), without the padding byte DICOM adds to even length.</summary>
internal static class EncapsulatedPdf
{
    public static byte[] Trim(ReadOnlyMemory<byte> value)
    {
        var span = value.Span;
        var end = span.Length;
        while (end > 0 && span[end - 1] == 0)
        {
            end--;
        }

        return span[..end].ToArray();
    }
}
