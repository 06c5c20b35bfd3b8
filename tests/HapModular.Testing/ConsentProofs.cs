using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HapModular.Testing;

/// <summary>
/// Proofs the link declaration accepts: a page-shaped scan of a signed form, a signature drawn on the 600 × 200 pad,
/// or a real PDF from the corpus. A different <c>variant</c> changes a few pixels: different bytes, same meaning.
/// </summary>
public static class ConsentProofs
{
    /// <summary>A grey-scale "scan" of an A4 form at 100 dpi (827 × 1169) with lines of "text" and a signature.</summary>
    public static byte[] Page(int variant = 0)
    {
        using var image = new Image<L8>(827, 1169, new L8(250));
        for (var line = 0; line < 30; line++)
        {
            Fill(image, 80, 100 + line * 30, 600 - (line * 37 % 200), 8, 30);
        }

        Fill(image, 500, 1050, 200, 3, 10);
        Fill(image, 10 + variant % 700, 10 + variant / 700 % 50, 3, 3, 0);
        return Png(image);
    }

    /// <summary>A signature drawn on the pad: a dark stroke on a transparent 600 × 200 canvas.</summary>
    public static byte[] Signature(int variant = 0)
    {
        using var image = new Image<Rgba32>(600, 200, new Rgba32(0, 0, 0, 0));
        for (var x = 60; x < 540; x++)
        {
            var y = 100 + (int)(40 * Math.Sin((x + variant) / 25.0));
            for (var d = 0; d < 3; d++)
            {
                image[x, y + d] = new Rgba32(20, 20, 60, 255);
            }
        }

        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    /// <summary>A real PDF (a discharge summary from the corpus) as a scanned consent form.</summary>
    public static string PdfPath => Corpus.File("documents/pdf/discharge_summary_sample.pdf");

    private static void Fill(Image<L8> image, int x0, int y0, int width, int height, byte value)
    {
        for (var y = y0; y < y0 + height; y++)
        {
            for (var x = x0; x < x0 + width; x++)
            {
                image[x, y] = new L8(value);
            }
        }
    }

    private static byte[] Png(Image<L8> image)
    {
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}
