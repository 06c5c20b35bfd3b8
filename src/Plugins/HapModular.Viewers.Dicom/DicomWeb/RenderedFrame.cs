using System.Globalization;
using HapModular.Dicom.Imaging;

namespace HapModular.Viewers.Dicom.DicomWeb;

/// <summary>
/// The rendered resources (PS3.18 §8.3.5, thumbnails §8.3.6): one frame through the portal's own pipeline, with the
/// <c>window</c> (center,width[,function]) and <c>viewport</c> (vw,vh) query parameters, as baseline JPEG (PS3.18's
/// default media type, with <c>quality</c> 1–100; libjpeg-turbo) or lossless PNG (<c>format=png</c>, only when the
/// client names image/png). A thumbnail is the default window at 256 pixels at most.
/// </summary>
internal static class RenderedFrame
{
    private const int MaxSide = 4096;

    public static RenderResult Render(DicomImage image, int frame, RenderRequest request)
    {
        var voi = VoiChoice.Default;
        if (request.Parameters.TryGetValue("window", out var window))
        {
            var parts = window.Split(',');
            if (parts.Length is < 2 or > 3
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var center)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var width) || width < 1
                || parts.Length == 3 && !parts[2].Equals("linear", StringComparison.OrdinalIgnoreCase))
            {
                return RenderResult.CannotDisplay("window must be center,width[,linear] with width ≥ 1.");
            }

            voi = VoiChoice.Window(new WindowLevel(center, width));
        }

        // Encoded at once and dropped: the frame's grey pixels come from the pool (a 512×512 frame is a large-object-heap
        // array per request otherwise) and go back once the encoder has read them.
        var rendered = image.RenderPooled(frame, voi);
        try
        {
            return Encode(rendered, request);
        }
        finally
        {
            rendered.ReturnToPool();
        }
    }

    private static RenderResult Encode(RenderedImage rendered, RenderRequest request)
    {
        var side = request.GetInt("thumbnail", 0) == 1 ? 256 : 0;
        if (request.Parameters.TryGetValue("viewport", out var viewport))
        {
            var parts = viewport.Split(',');
            if (parts.Length < 2 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var vw)
                || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var vh) || vw < 1 || vh < 1)
            {
                return RenderResult.CannotDisplay("viewport must be vw,vh (positive integers).");
            }

            // Fit inside vw × vh, keeping the aspect ratio; never enlarged (the client scales up itself).
            var scale = Math.Min((double)Math.Min(vw, MaxSide) / rendered.Width, (double)Math.Min(vh, MaxSide) / rendered.Height);
            side = scale < 1 ? Math.Max(1, (int)Math.Floor(Math.Max(rendered.Width, rendered.Height) * scale)) : 0;
        }

        var output = side > 0 ? rendered.Fit(side) : rendered;
        if (request.Parameters.GetValueOrDefault("format") == "png")
        {
            return RenderResult.Binary(PngWriter.Encode(output), "image/png");
        }

        var quality = DefaultJpegQuality;
        if (request.Parameters.TryGetValue("quality", out var q)
            && (!int.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out quality) || quality is < 1 or > 100))
        {
            return RenderResult.CannotDisplay("quality must be an integer from 1 to 100.");
        }

        return RenderResult.Binary(JpegWriter.Encode(output, quality), "image/jpeg");
    }

    /// <summary>PS3.18 leaves the default to the server: high enough that a window's edges stay sharp.</summary>
    public const int DefaultJpegQuality = 90;
}
