using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit.Abstractions;

namespace HapModular.Viewers.Photos.Tests;

/// <summary>
/// Metamorphic: the same picture stored with any EXIF orientation (1–8) must be shown as the same upright picture.
/// A test helper takes each corpus photo as the viewer shows it (upright), stores its pixels the way a camera
/// holding it in that orientation would (the inverse of what the tag asks), writes the tag, and asks the viewer
/// again. As PNG (lossless, EXIF in an eXIf chunk) the result must be identical pixel for pixel; as JPEG, within
/// JPEG noise and far from the mirrored picture.
/// </summary>
public sealed class OrientationMetamorphicTests(ITestOutputHelper output)
{
    // Large corpus photos are reduced first: the property does not depend on size and the suite stays fast.
    private const int Side = 240;

    public static TheoryData<string, string> CorpusPhotos() => new()
    {
        { "exif_orientation_0_invalid.jpg", "image/jpeg" },
        { "exif_orientation_1.jpg", "image/jpeg" },
        { "exif_orientation_2.jpg", "image/jpeg" },
        { "exif_orientation_3.jpg", "image/jpeg" },
        { "exif_orientation_4.jpg", "image/jpeg" },
        { "exif_orientation_5.jpg", "image/jpeg" },
        { "exif_orientation_6.jpg", "image/jpeg" },
        { "exif_orientation_7.jpg", "image/jpeg" },
        { "exif_orientation_8.jpg", "image/jpeg" },
        { "jpeg_baseline_hopper.jpg", "image/jpeg" },
        { "jpeg_progressive.jpg", "image/jpeg" },
        { "jpeg_cmyk_adobe.jpg", "image/jpeg" },
        { "png_rgb_hopper.png", "image/png" },
    };

    [Theory]
    [MemberData(nameof(CorpusPhotos))]
    public async Task Every_exif_orientation_of_a_corpus_photo_shows_the_same_upright_picture(string name, string mediaType)
    {
        using var upright = await UprightAsync(Photos.Content(name, mediaType).Data.ToArray(), mediaType);
        using var mirrored = upright.Clone(x => x.Flip(FlipMode.Horizontal));
        var asymmetric = MeanDifference(upright, mirrored);
        for (ushort orientation = 1; orientation <= 8; orientation++)
        {
            using var stored = StoredAs(upright, orientation);

            using var png = await UprightAsync(Save(stored, orientation, new PngEncoder()), "image/png");
            var pngExact = SamePixels(upright, png);

            using var jpeg = await UprightAsync(Save(stored, orientation, new JpegEncoder { Quality = 95 }), "image/jpeg");
            var jpegDifference = (jpeg.Width, jpeg.Height) == (upright.Width, upright.Height) ? MeanDifference(upright, jpeg) : double.NaN;
            var mirrorDifference = (jpeg.Width, jpeg.Height) == (mirrored.Width, mirrored.Height) ? MeanDifference(mirrored, jpeg) : double.NaN;
            output.WriteLine($"{name}\torientation {orientation}\tpng {(pngExact ? "identical" : "DIFFERENT")}\tjpeg mean diff {jpegDifference:F2} (mirror {mirrorDifference:F2})");

            Assert.True(pngExact, $"{name}, orientation {orientation} (PNG): not the same upright pixels");
            Assert.True(jpegDifference < 4, $"{name}, orientation {orientation} (JPEG): mean difference {jpegDifference:F2}");
            if (asymmetric > 8)
            {
                Assert.True(mirrorDifference > 2 * jpegDifference, $"{name}, orientation {orientation} (JPEG): as close to the mirror image");
            }
        }
    }

    /// <summary>What the viewer serves (the <c>image</c> target), decoded, at most <see cref="Side"/> pixels.</summary>
    private static async Task<Image<Rgba32>> UprightAsync(byte[] bytes, string mediaType)
    {
        var result = await Photos.Render(new ViewerContent(new DocumentMetadata(mediaType), bytes), "image", ("max", Side.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var served = Assert.IsType<RenderResult.BinaryContent>(result);
        return Image.Load<Rgba32>(served.Content);
    }

    /// <summary>
    /// The pixels a camera stores for an upright picture U when it writes <paramref name="orientation"/>
    /// (EXIF 2.32 §4.6.4, tag 0x0112: where the stored 0th row and 0th column lie in the upright picture).
    /// </summary>
    private static Image<Rgba32> StoredAs(Image<Rgba32> u, int orientation)
    {
        var (w, h) = (u.Width, u.Height);
        var swapped = orientation >= 5;
        var stored = new Image<Rgba32>(swapped ? h : w, swapped ? w : h);
        for (var y = 0; y < stored.Height; y++)
        {
            for (var x = 0; x < stored.Width; x++)
            {
                var (ux, uy) = orientation switch
                {
                    1 => (x, y),
                    2 => (w - 1 - x, y),
                    3 => (w - 1 - x, h - 1 - y),
                    4 => (x, h - 1 - y),
                    5 => (y, x),
                    6 => (w - 1 - y, x),
                    7 => (w - 1 - y, h - 1 - x),
                    _ => (y, h - 1 - x),
                };
                stored[x, y] = u[ux, uy];
            }
        }

        return stored;
    }

    private static byte[] Save(Image<Rgba32> stored, ushort orientation, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
    {
        using var copy = stored.Clone();
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Orientation, orientation);
        copy.Metadata.ExifProfile = exif;
        using var ms = new MemoryStream();
        copy.Save(ms, encoder);
        var bytes = ms.ToArray();
        // The helper must really have written the tag, or the test would prove nothing.
        Assert.Equal(orientation, Image.Identify(bytes).Metadata.ExifProfile?.GetValue(ExifTag.Orientation)?.Value);
        return bytes;
    }

    private static bool SamePixels(Image<Rgba32> a, Image<Rgba32> b)
    {
        if ((a.Width, a.Height) != (b.Width, b.Height))
        {
            return false;
        }

        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                if (a[x, y] != b[x, y])
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static double MeanDifference(Image<Rgba32> a, Image<Rgba32> b)
    {
        double sum = 0;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                var (p, q) = (a[x, y], b[x, y]);
                sum += Math.Abs(p.R - q.R) + Math.Abs(p.G - q.G) + Math.Abs(p.B - q.B);
            }
        }

        return sum / (3.0 * a.Width * a.Height);
    }
}
