using HapModular.Dicom.Codecs;
using HapModular.Dicom.Imaging;

namespace HapModular.Dicom.Tests;

/// <summary>Codec behaviour beyond the corpus: all lossless JPEG predictors, and corrupt streams failing cleanly.</summary>
public sealed class CodecTests
{
    public static TheoryData<int, int, int, int> PredictorCases()
    {
        var data = new TheoryData<int, int, int, int>();
        foreach (var predictor in Enumerable.Range(1, 7))
        {
            data.Add(predictor, 8, 1, 0);
            data.Add(predictor, 12, 1, 7);
            data.Add(predictor, 16, 1, 0);
            data.Add(predictor, 8, 3, 0);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PredictorCases))]
    public void Lossless_jpeg_is_bit_exact_for_every_predictor(int predictor, int precision, int components, int restartRows)
    {
        const int width = 37;
        const int height = 23;
        var random = new Random((predictor * 100) + precision + components);
        var samples = new int[width * height * components];
        for (var i = 0; i < samples.Length; i++)
        {
            // A smooth gradient plus noise and a few extremes, so small and large differences both occur.
            var smooth = (i * 7 % (1 << precision)) / 2;
            samples[i] = i % 97 == 0 ? (1 << precision) - 1 : Math.Clamp(smooth + random.Next(-40, 40), 0, (1 << precision) - 1);
        }

        var jpeg = LosslessJpegEncoder.Encode(samples, width, height, components, precision, predictor, restartRows * width);
        var decoded = JpegLosslessDecoder.Decode(jpeg, out var w, out var h, out var c, out var p);
        Assert.Equal((width, height, components, precision), (w, h, c, p));
        Assert.Equal(samples, decoded);
    }

    [Fact]
    public void Corrupt_lossless_stream_fails_with_a_codec_error_not_a_crash()
    {
        var samples = Enumerable.Range(0, 64).ToArray();
        var jpeg = LosslessJpegEncoder.Encode(samples, 8, 8, 1, 8, 4);
        var cut = jpeg[..20];
        Assert.Throws<CodecException>(() => JpegLosslessDecoder.Decode(cut, out _, out _, out _, out _));
    }

    [Fact]
    public void An_8_bit_jpeg_cut_short_is_an_error_not_an_image_finished_in_grey()
    {
        // libjpeg only warns at a premature end and fills the rest of the image with grey; the portal refuses it.
        var jpeg = File.ReadAllBytes(Path.Combine(Corpus.Root, "photos", "jpeg_baseline_hopper.jpg"));
        var cut = jpeg[..(jpeg.Length * 6 / 10)];
        var ex = Assert.Throws<CodecException>(() => TurboJpeg.Decode(cut, long.MaxValue, out _, out _, out _));
        Assert.Contains("premature end", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Bytes_after_an_8_bit_jpegs_end_change_nothing()
    {
        // Padding after EOI is common in encapsulated frames (dcmtk warns and decodes): same pixels, no error.
        var jpeg = File.ReadAllBytes(Path.Combine(Corpus.Root, "photos", "jpeg_baseline_hopper.jpg"));
        var padded = jpeg.Concat(new byte[] { 0x00, 0x13, 0x37, 0x00 }).ToArray();
        var plain = TurboJpeg.Decode(jpeg, long.MaxValue, out var w, out var h, out var c);
        var withPadding = TurboJpeg.Decode(padded, long.MaxValue, out _, out _, out _);
        Assert.True(w > 0 && h > 0 && c is 1 or 3);
        Assert.Equal(plain, withPadding);
    }

    [Fact]
    public void Rle_header_with_wrong_segment_count_is_rejected()
    {
        var frame = new byte[64];
        frame[0] = 3;
        Assert.Throws<CodecException>(() => RleDecoder.Decode(frame, 4, 1, 8));
    }

    [Fact]
    public void Every_frame_of_every_multiframe_corpus_image_decodes()
    {
        foreach (var name in new[] { "us_palette_cine_rle_10frames", "us_cine_jpeg_baseline_ybr422_30frames", "xa_cine_jpeg_baseline_96frames_fragmented", "ct_enhanced_2frames_jpeg_lossless_p14_fragmented", "mr_enhanced_10frames", "nm_multiframe_13frames", "rtdose_implicit_le_32bit_15frames" })
        {
            var image = DicomImage.Create(DicomFile.Open(Corpus.File(name)));
            Assert.True(image.FrameCount > 1, name);
            for (var f = 0; f < image.FrameCount; f++)
            {
                var rendered = image.Render(f, VoiChoice.Default);
                Assert.Equal(image.Description.Rows * image.Description.Columns * rendered.Channels, rendered.Pixels.Length);
            }
        }
    }
}
