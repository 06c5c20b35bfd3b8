using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using UglyToad.PdfPig;

namespace HapModular.Modules.Consent.Web;

/// <summary>
/// Whether a proof is what it claims, not just any file with the right first bytes: a scan or photo of a signed form
/// is a decodable page-shaped image (at least 600 × 800 pixels, sides at most 1:2, at most 40 megapixels — read from
/// the header before decoding) or a PDF whose first page is at least A6; an on-screen signature is a decodable PNG the
/// size of a signature pad with ink on it (a stroke, not a blank or filled rectangle).
/// </summary>
internal static class ProofCheck
{
    private const int MinShortSide = 600;
    private const int MinLongSide = 800;
    private const long MaxPixels = 40_000_000;
    private const double MinPdfShortSide = 280; // points: A6 is 298 × 420
    private const double MinPdfLongSide = 390;

    public static ProofError? Scan(ReadOnlySpan<byte> content, string mediaType) =>
        mediaType == "application/pdf" ? Pdf(content) : Image(content, page: true);

    public static ProofError? Signature(ReadOnlySpan<byte> png) => Image(png, page: false);

    private static ProofError? Image(ReadOnlySpan<byte> content, bool page)
    {
        try
        {
            var bytes = content.ToArray();
            var info = SixLabors.ImageSharp.Image.Identify(bytes);
            if (info is null)
            {
                return ProofError.Unreadable;
            }

            int shortSide = Math.Min(info.Width, info.Height), longSide = Math.Max(info.Width, info.Height);
            if ((long)info.Width * info.Height > MaxPixels)
            {
                return ProofError.NotAPage;
            }

            if (page && (shortSide < MinShortSide || longSide < MinLongSide || longSide > 2 * shortSide))
            {
                return ProofError.NotAPage;
            }

            if (!page && (info.Width < 200 || info.Height < 80 || info.Width > 2400 || info.Height > 1200))
            {
                return ProofError.NotASignature;
            }

            // Decoding the whole picture proves the bytes after the header are an image too (grey: 1 byte a pixel).
            using var image = SixLabors.ImageSharp.Image.Load<La16>(bytes);
            return page || HasInk(image) ? null : ProofError.NotASignature;
        }
        catch (Exception e) when (e is ImageFormatException or UnknownImageFormatException or InvalidImageContentException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return ProofError.Unreadable;
        }
    }

    // A stroke: some opaque dark pixels, but far from all of them (a photo pasted as a "signature" is refused).
    private static bool HasInk(SixLabors.ImageSharp.Image<La16> image)
    {
        long ink = 0;
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                foreach (var pixel in rows.GetRowSpan(y))
                {
                    if (pixel.A > 128 && pixel.L < 128)
                    {
                        ink++;
                    }
                }
            }
        });
        var total = (long)image.Width * image.Height;
        return ink >= 50 && ink < total / 4;
    }

    private static ProofError? Pdf(ReadOnlySpan<byte> content)
    {
        try
        {
            using var document = PdfDocument.Open(content.ToArray());
            if (document.NumberOfPages < 1)
            {
                return ProofError.NotAPage;
            }

            var first = document.GetPage(1);
            double shortSide = Math.Min(first.Width, first.Height), longSide = Math.Max(first.Width, first.Height);
            return shortSide >= MinPdfShortSide && longSide >= MinPdfLongSide ? null : ProofError.NotAPage;
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // PdfPig reports damage with many exception types; any of them means "not a readable PDF".
            return ProofError.Unreadable;
        }
    }
}
