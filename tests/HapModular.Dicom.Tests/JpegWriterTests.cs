using HapModular.Dicom.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HapModular.Dicom.Tests;

/// <summary>
/// The rendered resources' JPEG (libjpeg-turbo), read back by another decoder (ImageSharp): baseline (SOF0), one
/// luminance channel for grey, YCbCr without chroma subsampling for colour, the same picture as the lossless pixels
/// within what quality 90 allows, and smaller at a lower quality.
/// </summary>
public sealed class JpegWriterTests
{
    /// <remarks>
    /// Bounds measured here with a small margin; the managed encoder used before (ImageSharp, luminance / 4:2:0) gave the
    /// same grey error (mr 2.02/14, ct 0.62/17) and more colour error (us_rgb_planar0 3.41/100, sc_ybr_full 0.78/7).
    /// </remarks>
    [Theory]
    [InlineData("mr_explicit_le_16bit_signed", 1, 2.1, 15)]
    [InlineData("ct_implicit_le_16bit_signed_rescale", 1, 0.7, 18)]
    [InlineData("us_rgb_planar0", 3, 2.4, 48)]
    [InlineData("sc_ybr_full_uncompressed", 3, 0.3, 3)]
    public void A_rendered_frame_as_JPEG_is_the_same_picture_in_baseline_JPEG(string file, int channels, double meanBound, int maxBound)
    {
        var rendered = DicomImage.Create(DicomFile.Open(Corpus.File(file))).Render(0, VoiChoice.Default);
        Assert.Equal(channels, rendered.Channels);

        var jpeg = JpegWriter.Encode(rendered, 90);

        var (components, sampling) = StartOfFrame(jpeg);
        Assert.Equal(channels, components);
        Assert.All(sampling, s => Assert.Equal(0x11, s));
        var (mean, max) = Difference(rendered, jpeg);
        Assert.True(mean <= meanBound && max <= maxBound, $"{file}: JPEG q90 differs from the pixels by {mean:0.00} on average, {max} at most");
        Assert.True(JpegWriter.Encode(rendered, 20).Length < jpeg.Length);
    }

    /// <summary>
    /// Grey goes to libjpeg-turbo as its luminance plane (no colour-conversion pass): the JPEG must be byte for byte the
    /// one the packed-pixel entry writes, for real frames and for sizes that are not whole 8×8 blocks (edge padding).
    /// </summary>
    [Theory]
    [InlineData("ct_implicit_le_16bit_signed_rescale", 90)]
    [InlineData("mr_explicit_le_16bit_signed", 90)]
    [InlineData("mr_explicit_le_16bit_signed", 100)]
    [InlineData("ct_implicit_le_16bit_signed_rescale", 1)]
    public void Grey_given_as_a_plane_encodes_to_the_same_bytes_as_packed_grey(string file, int quality)
    {
        var rendered = DicomImage.Create(DicomFile.Open(Corpus.File(file))).Render(0, VoiChoice.Default);
        Assert.Equal(1, rendered.Channels);

        Assert.Equal(Packed(rendered.Pixels, rendered.Width, rendered.Height, quality), JpegWriter.Encode(rendered, quality));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 13)]
    [InlineData(17, 9)]
    [InlineData(509, 511)]
    public void Grey_of_any_size_encodes_as_a_plane_to_the_same_bytes_as_packed_grey(int width, int height)
    {
        var random = new Random(width * 31 + height);
        var pixels = new byte[width * height];
        for (var i = 0; i < pixels.Length; i++)
        {
            // A gradient with noise: smooth areas and edges, as a frame has.
            pixels[i] = (byte)(((i % width) * 255 / Math.Max(1, width - 1) + random.Next(-12, 13)) & 0xFF);
        }

        var image = new RenderedImage(width, height, 1, pixels);
        Assert.Equal(Packed(pixels, width, height, 90), JpegWriter.Encode(image, 90));
    }

    private static byte[] Packed(byte[] pixels, int width, int height, int quality) =>
        HapModular.Dicom.Codecs.TurboJpeg.Encode(pixels, width, height, 1, quality, greyAsPlane: false);

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void A_quality_outside_1_to_100_is_refused(int quality)
    {
        var image = new RenderedImage(2, 2, 1, [0, 64, 128, 255]);
        Assert.Throws<ArgumentOutOfRangeException>(() => JpegWriter.Encode(image, quality));
    }

    /// <summary>The baseline frame header (SOF0): component count and each component's sampling factors.</summary>
    private static (int Components, byte[] Sampling) StartOfFrame(byte[] jpeg)
    {
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
        for (var i = 2; i + 4 < jpeg.Length;)
        {
            Assert.Equal(0xFF, jpeg[i]);
            var marker = jpeg[i + 1];
            var length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            Assert.False(marker is >= 0xC1 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC, $"marker FF{marker:X2}: not baseline");
            if (marker == 0xC0)
            {
                var count = jpeg[i + 9];
                return (count, [.. Enumerable.Range(0, count).Select(c => jpeg[i + 11 + (3 * c)])]);
            }

            i += 2 + length;
        }

        throw new Xunit.Sdk.XunitException("no SOF0 marker");
    }

    private static (double Mean, int Max) Difference(RenderedImage expected, byte[] jpeg)
    {
        using var decoded = Image.Load<Rgb24>(jpeg);
        Assert.Equal((expected.Width, expected.Height), (decoded.Width, decoded.Height));
        long sum = 0;
        var max = 0;
        for (var y = 0; y < decoded.Height; y++)
        {
            for (var x = 0; x < decoded.Width; x++)
            {
                var p = decoded[x, y];
                var at = ((y * expected.Width) + x) * expected.Channels;
                var channels = expected.Channels == 1 ? new[] { p.R } : new[] { p.R, p.G, p.B };
                for (var c = 0; c < channels.Length; c++)
                {
                    var d = Math.Abs(channels[c] - expected.Pixels[at + c]);
                    sum += d;
                    max = Math.Max(max, d);
                }
            }
        }

        return ((double)sum / expected.Pixels.Length, max);
    }
}
