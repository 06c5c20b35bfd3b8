using HapModular.Dicom.Imaging;

namespace HapModular.Dicom.Tests;

/// <summary>
/// Images dcmtk 3.6.7 cannot render (segmented palette, HTJ2K) have no reference PNG; these tests check the
/// properties that make the render right, as seen by eye when the test was written.
/// </summary>
public sealed class UnreferencedRenderTests
{
    [Fact]
    public void Segmented_palette_ultrasound_is_grey_anatomy_with_green_annotations()
    {
        // ALOKA's segmented LUT maps the anatomy to a grey ramp and the graphics to pure green.
        var image = DicomImage.Create(DicomFile.Open(Corpus.File("us_palette_color_16bit_segmented_lut_implicit"))).Render(0, VoiChoice.Default);
        Assert.Equal((640, 480, 3), (image.Width, image.Height, image.Channels));
        int grey = 0, green = 0;
        long sum = 0;
        for (var i = 0; i < image.Pixels.Length; i += 3)
        {
            int r = image.Pixels[i], g = image.Pixels[i + 1], b = image.Pixels[i + 2];
            grey += Math.Abs(r - g) <= 2 && Math.Abs(g - b) <= 2 ? 1 : 0;
            green += g > r + 80 && g > b + 80 ? 1 : 0;
            sum += g;
        }

        var pixels = image.Width * image.Height;
        Assert.True(grey > pixels * 0.85, $"{grey} grey pixels of {pixels}");
        Assert.InRange(green, 100, pixels / 50);
        Assert.InRange(sum / pixels, 20, 120); // dark ultrasound background, bright tissue
    }

    [Fact]
    public void Htj2k_lossless_photo_is_a_sepia_sea_with_bright_glints()
    {
        var image = DicomImage.Create(DicomFile.Open(Corpus.File("sc_htj2k_lossless_rgb"))).Render(0, VoiChoice.Default);
        Assert.Equal((640, 480, 3), (image.Width, image.Height, image.Channels));

        // The sky (top quarter) is sepia: red above green above blue, and smooth.
        long r = 0, g = 0, b = 0;
        var top = image.Width * (image.Height / 4);
        for (var i = 0; i < top * 3; i += 3)
        {
            r += image.Pixels[i];
            g += image.Pixels[i + 1];
            b += image.Pixels[i + 2];
        }

        Assert.True(r > g && g > b, $"sky mean RGB {r / top},{g / top},{b / top}");

        // The sea (bottom quarter) glitters: many near-white pixels.
        var glints = 0;
        for (var i = image.Pixels.Length * 3 / 4; i < image.Pixels.Length; i += 3)
        {
            glints += image.Pixels[i] > 240 && image.Pixels[i + 1] > 220 ? 1 : 0;
        }

        Assert.True(glints > 2000, $"{glints} bright pixels in the sea");
    }
}
