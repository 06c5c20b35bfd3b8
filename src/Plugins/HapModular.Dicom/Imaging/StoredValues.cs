namespace HapModular.Dicom.Imaging;

/// <summary>Helpers on decoded sample arrays.</summary>
internal static class StoredValues
{
    /// <summary>Keeps the Bits Stored bits (after shifting the high bit down) and sign-extends signed data.</summary>
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
