using HapModular.Dicom.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace HapModular.Viewers.Dicom.DicomWeb;

/// <summary>
/// A rendered frame as baseline JPEG (the rendered resources' <c>image/jpeg</c>): greyscale frames as one luminance
/// channel, colour frames as YCbCr 4:2:0 — the same 8-bit pixels the PNG carries, lossy at the asked quality.
/// </summary>
internal static class JpegOutput
{
    public static byte[] Encode(RenderedImage image, int quality)
    {
        using var output = new MemoryStream();
        if (image.Channels == 1)
        {
            using var grey = Image.LoadPixelData<L8>(image.Pixels, image.Width, image.Height);
            grey.SaveAsJpeg(output, new JpegEncoder { Quality = quality, ColorType = JpegColorType.Luminance });
        }
        else
        {
            using var colour = Image.LoadPixelData<Rgb24>(image.Pixels, image.Width, image.Height);
            colour.SaveAsJpeg(output, new JpegEncoder { Quality = quality, ColorType = JpegColorType.YCbCrRatio420 });
        }

        return output.ToArray();
    }
}
