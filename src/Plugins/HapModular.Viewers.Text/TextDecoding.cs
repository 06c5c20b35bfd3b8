using System.Text;

namespace HapModular.Viewers.Text;

/// <summary>Decodes report bytes as UTF-8 (BOM or not), else Windows-1252, refusing binary content.</summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text)
    {
        text = string.Empty;
        if (bytes.Length == 0 || LooksBinary(bytes))
        {
            return false;
        }

        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Older hospital systems still write Latin-1/Windows-1252; Latin-1 maps every byte, so this cannot fail.
            text = Encoding.Latin1.GetString(bytes);
        }

        return true;
    }

    // Control bytes other than tab/CR/LF/FF in the first 8 KiB mean this is not a text report.
    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 8192)];
        var control = 0;
        foreach (var b in sample)
        {
            if (b == 0)
            {
                return true;
            }

            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D or 0x0C or 0x1B))
            {
                control++;
            }
        }

        return control * 100 > sample.Length;
    }
}
