using System.Buffers;

namespace HapModular.Dicom.Imaging;

/// <summary>
/// Monochrome frames to 8-bit grey: modality transform, then VOI (window per PS3.3 C.11.2.1.2 as dcmtk applies it,
/// VOI LUT, or min–max), then MONOCHROME1 inversion. Small stored ranges go through one precomputed table.
/// </summary>
internal static class MonochromeRenderer
{
    public static byte[] Render(int[] stored, PixelDescription d, FrameParameters p, VoiChoice choice)
    {
        var (minStored, maxStored) = MinMax(stored);
        var output = new byte[stored.Length];
        var range = (long)maxStored - minStored;
        // A table pays off when it is not much larger than the frame (16-bit data); wide 32-bit ranges map directly.
        if (TableFits(range, stored.Length))
        {
            var table = Table(d, p, choice, minStored, maxStored);
            for (var i = 0; i < stored.Length; i++)
            {
                output[i] = table[stored[i] - minStored];
            }

            return output;
        }

        var map = BuildMapping(p, choice, minStored, maxStored);
        var invert = d.Photometric == "MONOCHROME1";
        for (var i = 0; i < stored.Length; i++)
        {
            output[i] = ToByte(map(p.Modality(stored[i])), invert);
        }

        return output;
    }

    /// <summary>
    /// A native 16-bit frame (machine byte order) straight from its words to 8-bit grey through the same table as
    /// <see cref="Render"/>: Bits Stored kept and sign-extended as <see cref="StoredValues.Normalize"/> does, min and max
    /// over the frame, then one table look-up per pixel — without the frame of int values (a megabyte per 512×512
    /// request, on the large-object heap). Null when the table would not fit (the caller takes the general path).
    /// <paramref name="pooled"/>: the output is rented from <see cref="ArrayPool{T}.Shared"/> (it may be longer than
    /// the frame; the caller gives it back).
    /// </summary>
    public static byte[]? RenderWords(ReadOnlySpan<ushort> words, PixelDescription d, FrameParameters p, VoiChoice choice, bool pooled)
    {
        var shift = d.HighBit + 1 - d.BitsStored;
        var (minStored, maxStored) = StoredWords.Range(words, shift, d.BitsStored, d.Signed);
        if (words.IsEmpty || !TableFits((long)maxStored - minStored, words.Length))
        {
            return null;
        }

        var table = Table(d, p, choice, minStored, maxStored);
        var output = pooled ? ArrayPool<byte>.Shared.Rent(words.Length) : new byte[words.Length];
        StoredWords.Map(words, shift, d.BitsStored, d.Signed, table, minStored, output);
        return output;
    }

    private static bool TableFits(long range, int samples) => range < 1 << 20 && range <= Math.Max(4096, samples * 4L);

    private static byte[] Table(PixelDescription d, FrameParameters p, VoiChoice choice, int minStored, int maxStored)
    {
        var map = BuildMapping(p, choice, minStored, maxStored);
        var invert = d.Photometric == "MONOCHROME1";
        var table = new byte[(long)maxStored - minStored + 1];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = ToByte(map(p.Modality(minStored + i)), invert);
        }

        return table;
    }

    // dcmtk truncates the (inverted, for MONOCHROME1) output value rather than rounding it.
    private static byte ToByte(double v, bool invert) => (byte)Math.Clamp((int)(invert ? 255 - v : v), 0, 255);

    /// <summary>The window the default rule would use for this frame, when it is a window (not a LUT).</summary>
    public static WindowLevel? DefaultWindow(FrameParameters p, int minStored, int maxStored)
    {
        if (p.Windows.Count > 0)
        {
            return p.Windows[0];
        }

        if (p.VoiLuts.Count > 0)
        {
            return null;
        }

        return MinMaxWindow(p, minStored, maxStored);
    }

    public static (int Min, int Max) MinMax(int[] values)
    {
        if (values.Length == 0)
        {
            return (0, 0);
        }

        int min = values[0], max = values[0];
        foreach (var v in values)
        {
            if (v < min)
            {
                min = v;
            }
            else if (v > max)
            {
                max = v;
            }
        }

        return (min, max);
    }

    private static WindowLevel MinMaxWindow(FrameParameters p, int minStored, int maxStored)
    {
        var a = p.Modality(minStored);
        var b = p.Modality(maxStored);
        var (lo, hi) = (Math.Min(a, b), Math.Max(a, b));

        // dcmtk's min-max window: centre (min + max + 1) / 2, width max - min + 1, so min maps to 0 and max to 255.
        return new WindowLevel((lo + hi + 1) / 2, hi - lo + 1);
    }

    private static Func<double, double> BuildMapping(FrameParameters p, VoiChoice choice, int minStored, int maxStored)
    {
        switch (choice.Kind)
        {
            case VoiKind.Window when choice.ExplicitWindow is { } w:
                return Window(w, p.VoiFunction);
            case VoiKind.FirstWindow when p.Windows.Count > 0:
                return Window(p.Windows[0], p.VoiFunction);
            case VoiKind.FirstVoiLut when p.VoiLuts.Count > 0:
                return Lut(p.VoiLuts[0]);
            case VoiKind.Default when p.Windows.Count > 0:
                return Window(p.Windows[0], p.VoiFunction);
            case VoiKind.Default when p.VoiLuts.Count > 0:
                return Lut(p.VoiLuts[0]);
            case VoiKind.None:
                return v => Math.Round(v);
            default:
                return Window(MinMaxWindow(p, minStored, maxStored), "LINEAR");
        }
    }

    private static Func<double, double> Lut(LookupTable lut)
    {
        var max = (double)Math.Max(1, lut.Entries.Max() > lut.MaxOutput ? lut.Entries.Max() : lut.MaxOutput);
        return v => Math.Round(lut[(int)Math.Floor(v)] * 255.0 / max);
    }

    private static Func<double, double> Window(WindowLevel w, string function)
    {
        var c = w.Center;
        var width = Math.Max(1, w.Width);
        if (function == "SIGMOID")
        {
            return v => 255.0 / (1 + Math.Exp(-4 * (v - c) / width));
        }

        if (function == "LINEAR_EXACT")
        {
            return v => v <= c - (width / 2) ? 0 : v > c + (width / 2) ? 255 : (((v - c) / width) + 0.5) * 255;
        }

        var w1 = width - 1;
        var left = c - 0.5 - (w1 / 2);
        var right = c - 0.5 + (w1 / 2);
        return v =>
        {
            if (v <= left)
            {
                return 0;
            }

            if (v > right || w1 <= 0)
            {
                return 255;
            }

            return (((v - (c - 0.5)) / w1) + 0.5) * 255;
        };
    }
}
