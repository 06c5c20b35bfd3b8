using HapModular.Dicom.Imaging;

namespace HapModular.Dicom.Tests;

/// <summary>
/// Native 16-bit monochrome frames are windowed straight from their words (no frame of int values): the picture must
/// be the one the general path draws from the decoded stored values, pixel for pixel, whatever the window, the sign,
/// Bits Stored, overlays, VOI LUT or MONOCHROME1.
/// </summary>
public sealed class DirectWindowTests
{
    public static TheoryData<string> NativeSixteenBitMonochrome()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Corpus.DicomEntries.Where(e => e.HasPixels && e.Rendered))
        {
            var file = DicomFile.Open(Corpus.File(entry.Name));
            if (file.Dataset[DicomTags.PixelData] is { Fragments: null, BigEndian: false } && DicomImage.Create(file).Description is { IsMonochrome: true, BitsAllocated: 16 })
            {
                data.Add(entry.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NativeSixteenBitMonochrome))]
    public void Windowing_the_words_directly_draws_what_the_stored_values_draw(string name)
    {
        var image = DicomImage.Create(DicomFile.Open(Corpus.File(name)));
        var d = image.Description;
        foreach (var voi in new[] { VoiChoice.Default, VoiChoice.Window(new WindowLevel(40, 400)), VoiChoice.Window(new WindowLevel(-600, 1)) })
        {
            for (var frame = 0; frame < Math.Min(3, image.FrameCount); frame++)
            {
                var general = MonochromeRenderer.Render(image.DecodeStored(frame, out _), d, FrameParameters.For(image.File.Dataset, d, frame), voi);
                Overlays.BurnIn(image.File.Dataset, general, d.Rows, d.Columns, frame);
                Assert.Equal(general, image.Render(frame, voi).Pixels);
                // The DICOMweb route's pooled pixels (an array that drew other frames before): the same picture.
                var pooled = image.RenderPooled(frame, voi);
                Assert.Equal(general, pooled.Pixels.AsSpan(0, general.Length).ToArray());
                pooled.ReturnToPool();
            }
        }
    }

    [Fact]
    public void The_corpus_holds_frames_the_direct_path_takes()
    {
        // Signed and unsigned, with and without an overlay, big endian excluded (the general path reads it).
        Assert.True(NativeSixteenBitMonochrome().Count >= 5);
    }
}
