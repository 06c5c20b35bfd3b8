using HapModular.Dicom.Codecs;

namespace HapModular.Dicom.Imaging;

/// <summary>
/// A display image as baseline JPEG (the rendered resources' default media type), encoded by libjpeg-turbo (Debian
/// libturbojpeg0, installed by build/setup.sh): grey as one luminance channel, colour as YCbCr without chroma
/// subsampling; lossy at the asked quality, never silently another encoder when the library is missing.
/// </summary>
public static class JpegWriter
{
    /// <summary>Encodes an image as JPEG.</summary>
    /// <param name="image">The image.</param>
    /// <param name="quality">1 (smallest) to 100 (closest to the pixels).</param>
    /// <returns>The JPEG bytes.</returns>
    /// <exception cref="DicomImageException">libturbojpeg is missing or refused the image.</exception>
    public static byte[] Encode(RenderedImage image, int quality)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        try
        {
            return TurboJpeg.Encode(image.Pixels, image.Width, image.Height, image.Channels, quality);
        }
        catch (CodecException ex)
        {
            throw new DicomImageException(ex.Message, ex);
        }
    }
}
