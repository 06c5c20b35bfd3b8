using System.Diagnostics;
using HapModular.Dicom.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace HapModular.Dicom.Benchmarks;

/// <summary>ImageSharp alone encoding an 8-bit frame as PNG at its fastest setting (level 1, no filter).</summary>
internal static class Floor
{
    public static double ImageSharpMilliseconds(RenderedImage frame)
    {
        var encoder = new PngEncoder { CompressionLevel = PngCompressionLevel.BestSpeed, FilterMethod = PngFilterMethod.None, ColorType = frame.Channels == 1 ? PngColorType.Grayscale : PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 };
        using Image image = frame.Channels == 1 ? Image.LoadPixelData<L8>(frame.Pixels, frame.Width, frame.Height) : Image.LoadPixelData<Rgb24>(frame.Pixels, frame.Width, frame.Height);
        using var sink = new MemoryStream();
        image.SaveAsPng(sink, encoder);
        var clock = Stopwatch.StartNew();
        var runs = 0;
        while (runs < 5 || clock.Elapsed.TotalSeconds < 0.5)
        {
            sink.SetLength(0);
            image.SaveAsPng(sink, encoder);
            runs++;
        }

        return clock.Elapsed.TotalMilliseconds / runs;
    }
}
