namespace HapModular.Dicom.Imaging;

/// <summary>Helpers on decoded sample arrays.</summary>
internal static class StoredValues
{
    /// <summary>
    /// Keeps the Bits Stored bits (after shifting the high bit down) and sign-extends signed data: for native and
    /// RLE pixel data, whose unused high bits may hold anything (old overlays), never for decoded codestreams.
    /// </summary>
    public static void Normalize(int[] values, PixelDescription d, int shift)
    {
        if (d.BitsStored >= 32)
        {
            return;
        }

        var mask = (int)((1L << d.BitsStored) - 1);
        var sign = 1 << (d.BitsStored - 1);
        var signed = d.Signed;
        for (var i = 0; i < values.Length; i++)
        {
            var v = (values[i] >> shift) & mask;
            values[i] = signed && (v & sign) != 0 ? v - (mask + 1) : v;
        }
    }

    /// <summary>
    /// Brings values decoded from a codestream (JPEG, JPEG-LS, JPEG 2000) into the Bits Stored range: an unsigned
    /// codestream of a signed image holds two's complement numbers of its own precision; anything beyond the range
    /// of Bits Stored (lossy overshoot, or a codestream wider than Bits Stored) is clamped to the nearest end, so the
    /// brightest pixels stay the brightest.
    /// </summary>
    public static void ClampDecoded(int[] values, PixelDescription d, int precision, bool codestreamSigned)
    {
        var bits = Math.Min(d.BitsStored, 32);
        long min = d.Signed ? -(1L << (bits - 1)) : 0;
        long max = d.Signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        var twosComplement = d.Signed && !codestreamSigned && precision is > 0 and < 32;
        var half = twosComplement ? 1L << (precision - 1) : long.MaxValue;
        var full = twosComplement ? 1L << precision : 0;
        for (var i = 0; i < values.Length; i++)
        {
            long v = values[i];
            if (v >= half)
            {
                v -= full;
            }

            values[i] = (int)Math.Clamp(v, min, max);
        }
    }

    public static int[] PlanarToInterleaved(int[] planar, int pixels)
    {
        var result = new int[planar.Length];
        for (var i = 0; i < pixels; i++)
        {
            result[i * 3] = planar[i];
            result[(i * 3) + 1] = planar[pixels + i];
            result[(i * 3) + 2] = planar[(2 * pixels) + i];
        }

        return result;
    }
}
