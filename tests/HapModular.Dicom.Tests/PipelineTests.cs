using HapModular.Dicom.Imaging;

namespace HapModular.Dicom.Tests;

/// <summary>Pipeline properties that hold across encodings and attribute locations.</summary>
public sealed class PipelineTests
{
    [Fact]
    public void Same_pixels_in_six_encodings_render_identically()
    {
        // The corpus's MR_small family: explicit/implicit LE, explicit BE, RLE, JPEG-LS and JPEG 2000 lossless.
        var names = new[]
        {
            "mr_explicit_le_16bit_signed", "mr_implicit_le_16bit_signed", "mr_explicit_be_16bit_signed",
            "mr_rle_lossless_16bit_signed", "mr_jpegls_lossless_16bit_signed", "mr_j2k_lossless_16bit_signed",
        };
        var renders = names.Select(n => DicomImage.Create(DicomFile.Open(Corpus.File(n))).Render(0, VoiChoice.FirstWindow).Pixels).ToList();
        foreach (var r in renders.Skip(1))
        {
            Assert.Equal(renders[0], r);
        }
    }

    [Fact]
    public void Planar_configurations_give_the_same_colours()
    {
        var a = DicomImage.Create(DicomFile.Open(Corpus.File("us_rgb_planar0"))).Render(0, VoiChoice.Default);
        var b = DicomImage.Create(DicomFile.Open(Corpus.File("us_rgb_planar1"))).Render(0, VoiChoice.Default);
        Assert.Equal(a.Pixels, b.Pixels);
    }

    [Fact]
    public void Enhanced_multiframe_window_and_rescale_come_from_the_functional_groups()
    {
        // dcmtk ignores them (MANIFEST note); the default rule here uses them: C 49 / W 102 in HU, intercept -1024.
        var image = DicomImage.Create(DicomFile.Open(Corpus.File("ct_enhanced_2frames_jpeg_lossless_p14_fragmented")));
        Assert.Equal([new WindowLevel(49, 102)], image.StoredWindows(0));
        var values = image.ModalityValues(0, out var window);
        Assert.Equal(new WindowLevel(49, 102), window);
        Assert.True(values.Min() < -900, "air in HU after the functional-group rescale");
        Assert.Equal(image.Render(0, VoiChoice.Window(new WindowLevel(49, 102))).Pixels, image.Render(0, VoiChoice.Default).Pixels);
    }

    [Fact]
    public void Monochrome1_renders_inverted()
    {
        var image = DicomImage.Create(DicomFile.Open(Corpus.File("dx_monochrome1_8bit_window")));
        var stored = image.DecodeStored(0, out _);
        var rendered = image.Render(0, VoiChoice.Window(new WindowLevel(128, 256))).Pixels;
        var darkest = Array.IndexOf(stored, stored.Min());
        var brightest = Array.IndexOf(stored, stored.Max());
        Assert.True(rendered[darkest] > rendered[brightest], "low values are white in MONOCHROME1");
    }

    [Fact]
    public void Explicit_window_overrides_and_fit_bounds_the_size()
    {
        var image = DicomImage.Create(DicomFile.Open(Corpus.File("ct_implicit_le_16bit_signed_rescale")));
        var bone = image.Render(0, VoiChoice.Window(new WindowLevel(400, 1800)));
        var lung = image.Render(0, VoiChoice.Window(new WindowLevel(-600, 1500)));
        Assert.NotEqual(bone.Pixels, lung.Pixels);
        var small = bone.Fit(100);
        Assert.Equal((100, 100), (small.Width, small.Height));
    }
}
