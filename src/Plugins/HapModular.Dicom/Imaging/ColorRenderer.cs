namespace HapModular.Dicom.Imaging;

/// <summary>Colour frames to 8-bit RGB: RGB as is (scaled to 8 bits), YBR_FULL/YBR_PARTIAL converted, PALETTE COLOR looked up.</summary>
internal static class ColorRenderer
{
    public static byte[] Render(int[] samples, PixelDescription d, string colorSpace, DicomDataset ds)
    {
        if (colorSpace == "PALETTE COLOR")
        {
            return RenderPalette(samples, d, ds);
        }

        if (d.SamplesPerPixel != 3)
        {
            throw new DicomImageException($"photometric interpretation {d.Photometric} with {d.SamplesPerPixel} sample(s) per pixel is not supported");
        }

        var output = new byte[samples.Length];
        var shift = Math.Max(0, d.BitsStored - 8);
        switch (colorSpace)
        {
            case "YBR_FULL" or "YBR_FULL_422":
                YbrFullToRgb(samples, shift, output);
                break;
            case "YBR_JPEG":
                JpegYccToRgb(samples, output);
                break;
            case "YBR_PARTIAL" or "YBR_PARTIAL_420":
                for (var i = 0; i < samples.Length; i += 3)
                {
                    double y = 1.1644 * ((samples[i] >> shift) - 16), cb = (samples[i + 1] >> shift) - 128, cr = (samples[i + 2] >> shift) - 128;
                    output[i] = Clamp(y + (1.5960 * cr));
                    output[i + 1] = Clamp(y - (0.3917 * cb) - (0.8129 * cr));
                    output[i + 2] = Clamp(y + (2.0173 * cb));
                }

                break;
            case "RGB" or "YBR_RCT" or "YBR_ICT":
                for (var i = 0; i < samples.Length; i++)
                {
                    output[i] = (byte)Math.Clamp(samples[i] >> shift, 0, 255);
                }

                break;
            default:
                throw new DicomImageException($"photometric interpretation {d.Photometric} is not supported");
        }

        return output;
    }

    // The standard's equations (PS3.3 C.7.6.3.1.2), rounded to the nearest level. dcmtk's tables (diybrpxt.h) truncate
    // each term, up to 2 levels below the exact colour; the browser's workspace (Cornerstone) rounds the same equations,
    // so the portal's frame and the canvas now agree within ±1 (they differed by 2 on us_ybr_full_rle_planar1).
    private static void YbrFullToRgb(int[] samples, int shift, byte[] output)
    {
        for (var i = 0; i < samples.Length; i += 3)
        {
            double y = samples[i] >> shift, cb = (samples[i + 1] >> shift) - 128, cr = (samples[i + 2] >> shift) - 128;
            output[i] = Clamp(y + (1.4020 * cr));
            output[i + 1] = Clamp(y - (0.3441 * cb) - (0.7141 * cr));
            output[i + 2] = Clamp(y + (1.7720 * cb));
        }
    }

    // libjpeg's fixed-point YCbCr to RGB (jdcolor.c, 16 fraction bits).
    private static void JpegYccToRgb(int[] samples, byte[] output)
    {
        const int half = 1 << 15;
        static int Fix(double x) => (int)((x * 65536) + 0.5);
        for (var i = 0; i < samples.Length; i += 3)
        {
            int y = samples[i], cb = Math.Clamp(samples[i + 1], 0, 255) - 128, cr = Math.Clamp(samples[i + 2], 0, 255) - 128;
            output[i] = (byte)Math.Clamp(y + ((Fix(1.40200) * cr) + half >> 16), 0, 255);
            output[i + 1] = (byte)Math.Clamp(y + ((-(Fix(0.34414) * cb)) - (Fix(0.71414) * cr) + half >> 16), 0, 255);
            output[i + 2] = (byte)Math.Clamp(y + ((Fix(1.77200) * cb) + half >> 16), 0, 255);
        }
    }

    private static byte Clamp(double v) => (byte)Math.Clamp((int)Math.Round(v), 0, 255);

    private static byte[] RenderPalette(int[] samples, PixelDescription d, DicomDataset ds)
    {
        var red = LookupTable.Read(ds, DicomTags.RedPaletteDescriptor, DicomTags.RedPaletteData, d.Signed, DicomTags.SegmentedRedPaletteData);
        var green = LookupTable.Read(ds, DicomTags.GreenPaletteDescriptor, DicomTags.GreenPaletteData, d.Signed, DicomTags.SegmentedGreenPaletteData);
        var blue = LookupTable.Read(ds, DicomTags.BluePaletteDescriptor, DicomTags.BluePaletteData, d.Signed, DicomTags.SegmentedBluePaletteData);
        if (red is null || green is null || blue is null)
        {
            throw new DicomImageException("PALETTE COLOR image without complete palette lookup tables (0028,1101-1203)");
        }

        var shifts = new[] { OutputShift(red), OutputShift(green), OutputShift(blue) };
        var output = new byte[samples.Length * 3];
        for (var i = 0; i < samples.Length; i++)
        {
            var v = samples[i];
            output[i * 3] = (byte)(red[v] >> shifts[0]);
            output[(i * 3) + 1] = (byte)(green[v] >> shifts[1]);
            output[(i * 3) + 2] = (byte)(blue[v] >> shifts[2]);
        }

        return output;
    }

    // A table declared 16-bit whose entries all fit in 8 bits is an 8-bit table (a common writer error dcmtk also tolerates).
    private static int OutputShift(LookupTable t) => t.Bits <= 8 || t.Entries.Max() <= 255 ? 0 : t.Bits - 8;
}
