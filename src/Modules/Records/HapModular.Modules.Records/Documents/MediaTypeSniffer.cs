using System.Text;

namespace HapModular.Modules.Records.Documents;

/// <summary>
/// The media type from the bytes, never from what the sender claims: magic numbers for binary formats, the root
/// element or first segment for text formats. The file name is only a hint for formats with no signature (SCP-ECG,
/// CSV).
/// </summary>
internal static class MediaTypeSniffer
{
    private const int TextProbe = 8192;

    public static string Detect(ReadOnlySpan<byte> data, string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        if (data.Length == 0)
        {
            return MediaTypes.Unknown;
        }

        if (data.StartsWith("%PDF-"u8))
        {
            return MediaTypes.Pdf;
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return MediaTypes.Jpeg;
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return MediaTypes.Png;
        }

        if (IsoBmffBrand(data) is { } brand)
        {
            return brand;
        }

        if (data.Length >= 132 && data.Slice(128, 4).SequenceEqual("DICM"u8))
        {
            return MediaTypes.Dicom;
        }

        if (LooksLikeAcrNema(data))
        {
            return MediaTypes.Dicom;
        }

        if (extension == ".scp" && !IsText(data))
        {
            return MediaTypes.ScpEcg;
        }

        if (extension == ".ecg" && !IsText(data))
        {
            return MediaTypes.ContecEcg;
        }

        if (!IsText(data))
        {
            return MediaTypes.Unknown;
        }

        return DetectText(data, Decode(data), extension);
    }

    private static string DetectText(ReadOnlySpan<byte> data, string text, string extension)
    {
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.StartsWith("MSH|", StringComparison.Ordinal) || trimmed.StartsWith("FHS|", StringComparison.Ordinal) || trimmed.StartsWith("BHS|", StringComparison.Ordinal))
        {
            return MediaTypes.Hl7V2;
        }

        if (trimmed.StartsWith('<'))
        {
            // The root element as an XML parser sees it: comments, declarations and processing instructions before it
            // may hold any text, '<' included (an aECG's licence comment was once taken for its root).
            return XmlRoot.LocalName(data) switch
            {
                "ClinicalDocument" => MediaTypes.Cda,
                "AnnotatedECG" => MediaTypes.Aecg,
                "html" => MediaTypes.Html,
                null when trimmed.Contains("<html", StringComparison.OrdinalIgnoreCase) => MediaTypes.Html,
                null => MediaTypes.PlainText,
                _ => MediaTypes.Xml,
            };
        }

        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            return trimmed.Contains("\"resourceType\"", StringComparison.Ordinal) ? MediaTypes.FhirJson : MediaTypes.Json;
        }

        if (extension == ".csv" || LooksLikeCsv(trimmed))
        {
            return MediaTypes.Csv;
        }

        return MediaTypes.PlainText;
    }

    private static bool LooksLikeCsv(string text)
    {
        var lines = text.Split('\n', 6, StringSplitOptions.RemoveEmptyEntries).Take(5).ToList();
        if (lines.Count < 2)
        {
            return false;
        }

        foreach (var separator in new[] { ',', ';', '\t' })
        {
            var counts = lines.Select(l => l.Count(c => c == separator)).ToList();
            if (counts[0] > 0 && counts.All(c => c == counts[0]))
            {
                return true;
            }
        }

        return false;
    }

    private static string? IsoBmffBrand(ReadOnlySpan<byte> data)
    {
        if (data.Length < 12 || !data.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return null;
        }

        var brand = Encoding.ASCII.GetString(data.Slice(8, 4));
        return brand switch
        {
            "heic" or "heix" or "heim" or "heis" or "hevc" or "hevx" => MediaTypes.Heic,
            "mif1" or "msf1" or "heif" => MediaTypes.Heif,
            _ => null,
        };
    }

    // ACR-NEMA and meta-less DICOM start directly with a little-endian tag of group 0008 (or 0002): element, then
    // either an explicit VR (two capital letters) or a 4-byte length that fits in the file.
    private static bool LooksLikeAcrNema(ReadOnlySpan<byte> data)
    {
        if (data.Length < 12 || data[1] != 0x00 || (data[0] != 0x08 && data[0] != 0x02))
        {
            return false;
        }

        if (data[3] != 0x00 && data[3] != 0x01)
        {
            return false;
        }

        if (char.IsAsciiLetterUpper((char)data[4]) && char.IsAsciiLetterUpper((char)data[5]))
        {
            return true;
        }

        var length = BitConverter.ToUInt32(data.Slice(4, 4));
        return length < data.Length && length < 1024;
    }

    private static bool IsText(ReadOnlySpan<byte> data)
    {
        var probe = data[..Math.Min(data.Length, TextProbe)];
        if (probe.Contains((byte)0))
        {
            return false;
        }

        var control = 0;
        foreach (var b in probe)
        {
            if (b < 0x09 || (b > 0x0D && b < 0x20))
            {
                control++;
            }
        }

        return control * 100 <= probe.Length;
    }

    private static string Decode(ReadOnlySpan<byte> data) => Encoding.UTF8.GetString(data[..Math.Min(data.Length, TextProbe)]);
}
