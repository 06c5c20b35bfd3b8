using System.Text;

namespace HapModular.Dicom;

/// <summary>
/// Decodes text values per Specific Character Set (0008,0005): single-byte ISO 8859 parts, UTF-8, GB18030/GBK
/// and ISO 2022 code extensions (Japanese IR 13/87/159, Korean IR 149, Chinese IR 58) switched by escape sequences.
/// </summary>
public static class CharacterSets
{
    private static readonly EncodingProvider CodePages = CodePagesEncodingProvider.Instance;

    /// <summary>Decodes bytes of a text value (after the VR's padding was trimmed) with the given character set terms.</summary>
    /// <param name="bytes">The raw value.</param>
    /// <param name="terms">The values of (0008,0005); empty for the default repertoire.</param>
    /// <returns>The text.</returns>
    public static string Decode(ReadOnlySpan<byte> bytes, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var first = terms.Count > 0 ? terms[0].Trim() : string.Empty;
        var usesExtensions = terms.Any(t => t.Contains("2022", StringComparison.Ordinal)) && bytes.Contains((byte)0x1B);
        if (!usesExtensions)
        {
            return ForTerm(first).GetString(bytes);
        }

        return DecodeIso2022(bytes, ForTerm(first));
    }

    /// <summary>The encoding for a single-byte or multi-byte defined term (ISO_IR 100, ISO 2022 IR 100, GB18030…).</summary>
    /// <param name="term">The defined term.</param>
    /// <returns>The encoding; Latin-1 for the default repertoire so no byte is lost.</returns>
    public static Encoding ForTerm(string term)
    {
        var t = term.Replace("ISO 2022 ", "ISO_", StringComparison.Ordinal).Trim();
        return t switch
        {
            "ISO_IR 192" => Encoding.UTF8,
            "ISO_IR 100" => Encoding.Latin1,
            "ISO_IR 101" => Get(28592),
            "ISO_IR 109" => Get(28593),
            "ISO_IR 110" => Get(28594),
            "ISO_IR 144" => Get(28595),
            "ISO_IR 127" => Get(28596),
            "ISO_IR 126" => Get(28597),
            "ISO_IR 138" => Get(28598),
            "ISO_IR 148" => Get(28599),
            "ISO_IR 203" => Get(28605),
            "ISO_IR 166" => Get(874),
            "ISO_IR 13" => Get(932),
            "GB18030" => Get(54936),
            "GBK" => Get(936),
            _ => Encoding.Latin1,
        };
    }

    private static Encoding Get(int codePage) => CodePages.GetEncoding(codePage) ?? Encoding.Latin1;

    private static string DecodeIso2022(ReadOnlySpan<byte> bytes, Encoding initial)
    {
        var text = new StringBuilder(bytes.Length);
        var g0Double = (Encoding?)null; // JIS X 0208 / 0212 designated to G0: 7-bit byte pairs
        var g0Prefix = (byte)0;
        var g1 = initial;
        var i = 0;
        while (i < bytes.Length)
        {
            if (bytes[i] == 0x1B && TryEscape(bytes[i..], out var length, out var change))
            {
                switch (change)
                {
                    case Change.G0Ascii: g0Double = null; break;
                    case Change.G0Jis0208: g0Double = Get(51932); g0Prefix = 0; break;
                    case Change.G0Jis0212: g0Double = Get(51932); g0Prefix = 0x8F; break;
                    case Change.G1Katakana: g1 = Get(932); break;
                    case Change.G1Korean: g1 = Get(51949); break;
                    case Change.G1Chinese: g1 = Get(936); break;
                    case Change.G1Latin1: g1 = Encoding.Latin1; break;
                    case Change.G1Cyrillic: g1 = Get(28595); break;
                }

                i += length;
                continue;
            }

            // An unknown escape byte is kept as text so the scan always moves forward.
            var end = i + 1;
            while (end < bytes.Length && bytes[end] != 0x1B)
            {
                end++;
            }

            var run = bytes[i..end];
            if (g0Double is not null)
            {
                // 7-bit pairs become EUC bytes by setting the high bit (JIS X 0212 adds the 0x8F single shift).
                var euc = new List<byte>(run.Length * 2);
                for (var k = 0; k + 1 < run.Length; k += 2)
                {
                    if (g0Prefix != 0)
                    {
                        euc.Add(g0Prefix);
                    }

                    euc.Add((byte)(run[k] | 0x80));
                    euc.Add((byte)(run[k + 1] | 0x80));
                }

                text.Append(g0Double.GetString(euc.ToArray()));
            }
            else
            {
                AppendSingle(text, run, g1);
            }

            i = end;
        }

        return text.ToString();
    }

    private static void AppendSingle(StringBuilder text, ReadOnlySpan<byte> run, Encoding g1)
    {
        // Bytes below 0x80 are ASCII (G0); high bytes belong to whatever is designated to G1.
        var start = 0;
        while (start < run.Length)
        {
            var high = run[start] >= 0x80;
            var end = start;
            while (end < run.Length && (run[end] >= 0x80) == high)
            {
                end++;
            }

            text.Append(high ? g1.GetString(run[start..end]) : Encoding.ASCII.GetString(run[start..end]));
            start = end;
        }
    }

    private enum Change
    {
        G0Ascii,
        G0Jis0208,
        G0Jis0212,
        G1Katakana,
        G1Korean,
        G1Chinese,
        G1Latin1,
        G1Cyrillic,
    }

    private static bool TryEscape(ReadOnlySpan<byte> s, out int length, out Change change)
    {
        (length, change) = s switch
        {
            [0x1B, (byte)'(', (byte)'B', ..] => (3, Change.G0Ascii),
            [0x1B, (byte)'(', (byte)'J', ..] => (3, Change.G0Ascii),
            [0x1B, (byte)'$', (byte)'B', ..] => (3, Change.G0Jis0208),
            [0x1B, (byte)'$', (byte)'@', ..] => (3, Change.G0Jis0208),
            [0x1B, (byte)'$', (byte)'(', (byte)'D', ..] => (4, Change.G0Jis0212),
            [0x1B, (byte)')', (byte)'I', ..] => (3, Change.G1Katakana),
            [0x1B, (byte)'$', (byte)')', (byte)'C', ..] => (4, Change.G1Korean),
            [0x1B, (byte)'$', (byte)')', (byte)'A', ..] => (4, Change.G1Chinese),
            [0x1B, (byte)'-', (byte)'A', ..] => (3, Change.G1Latin1),
            [0x1B, (byte)'-', (byte)'L', ..] => (3, Change.G1Cyrillic),
            _ => (0, Change.G0Ascii),
        };
        return length > 0;
    }
}
