using System.Globalization;
using System.Text;

namespace HapModular.Viewers.Photos;

/// <summary>
/// Clinical photos. Targets: <c>view</c> (HTML; zoom, pan and before/after by <c>photo-viewer.js</c>),
/// <c>image</c> (upright, metadata-free JPEG/PNG; <c>max</c> caps the longer side) and <c>thumbnail</c>.
/// </summary>
internal sealed class PhotoViewer : IViewer
{
    public const string ImageTarget = "image";
    public const int ThumbnailSize = 256;
    private const int ViewSize = 2048;

    // The longest side ever encoded: zooming needs no more, and a request for max=16384 must not cost more than this.
    private const int MaxRenderSide = 4096;

    public ViewerDescriptor Descriptor { get; } = new(
        "photos.clinical",
        "Clinical photo",
        ["image/jpeg", "image/pjpeg", "image/png", "image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence"],
        [],
        "photo-viewer.js");

    public int Match(DocumentMetadata metadata) =>
        Descriptor.MediaTypes.Contains(metadata.MediaType, StringComparer.OrdinalIgnoreCase) ? MatchScore.MediaType : MatchScore.None;

    public ValueTask<InspectionResult> InspectAsync(ViewerContent content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (IsIntactHeif(content.Data.Span))
        {
            // Intact but not decodable here: the record keeps it (download card), unlike a truncated file.
            return ValueTask.FromResult(InspectionResult.NotDisplayable(HeifReason));
        }

        var load = DecodedPhoto.Load(content.Data.Span);
        if (load.Photo is not { } photo)
        {
            return ValueTask.FromResult(InspectionResult.Failed(load.Reason!));
        }

        using (photo)
        {
            var (thumb, type) = photo.Encode(ThumbnailSize);
            var facts = photo.Facts;
            return ValueTask.FromResult(new InspectionResult
            {
                // No capture date in the photo: the date stays unknown (never the day it was filed).
                ClinicalDate = facts.Taken,
                Title = facts.Description,
                Identity = facts.Owner is { } owner ? new FileIdentity { Name = owner, Source = "EXIF" } : null,
                Thumbnail = thumb,
                ThumbnailMediaType = type,
                Warnings = facts.Location is null ? [] : ["The photo records a GPS position (shown on its page; removed from every rendered image, kept in the original)."],
            });
        }
    }

    public ValueTask<RenderResult> RenderAsync(ViewerContent content, RenderRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (IsIntactHeif(content.Data.Span))
        {
            return ValueTask.FromResult(RenderResult.CannotDisplay(Labels.Get(request.Culture, "heif-not-displayable")));
        }

        var load = DecodedPhoto.Load(content.Data.Span);
        if (load.Photo is not { } photo)
        {
            return ValueTask.FromResult(RenderResult.CannotDisplay(load.Reason!));
        }

        using (photo)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RenderResult result = request.Target switch
            {
                ImageTarget => Binary(photo.Encode(RenderSide(request.GetInt("max", MaxRenderSide)))),
                RenderTargets.Thumbnail => Binary(photo.Encode(ThumbnailSize)),
                RenderTargets.View => RenderResult.Html(View(photo, request)),
                _ => RenderResult.CannotDisplay("Unknown target for a photo."),
            };
            return ValueTask.FromResult(result);
        }
    }

    private const string HeifReason = "HEIC/HEIF photos cannot be decoded on this server (no maintained HEIF decoder is available); download the original to view it.";

    private static bool IsIntactHeif(ReadOnlySpan<byte> data) => PhotoFormat.Detect(data) == PhotoKind.Heif && PhotoFormat.IsoBoxesAreComplete(data);

    private static int RenderSide(int max) => max <= 0 ? MaxRenderSide : Math.Min(max, MaxRenderSide);

    private static RenderResult Binary((byte[] Bytes, string MediaType) encoded) => RenderResult.Binary(encoded.Bytes, encoded.MediaType);

    private static string View(DecodedPhoto photo, RenderRequest request)
    {
        var c = request.Culture;
        var src = HtmlText.Encode(request.ResourceUrl(ImageTarget, ("max", ViewSize.ToString(CultureInfo.InvariantCulture))));
        var full = HtmlText.Encode(request.ResourceUrl(ImageTarget));
        var html = new StringBuilder();
        html.Append("<figure class=\"hap-photo\" data-full=\"").Append(full)
            .Append("\" data-label-zoom-in=\"").Append(HtmlText.Encode(Labels.Get(c, "zoom-in")))
            .Append("\" data-label-zoom-out=\"").Append(HtmlText.Encode(Labels.Get(c, "zoom-out")))
            .Append("\" data-label-reset=\"").Append(HtmlText.Encode(Labels.Get(c, "reset"))).Append("\">");
        html.Append("<div class=\"hap-photo-stage\"><img class=\"hap-photo-image\" src=\"").Append(src)
            .Append("\" alt=\"").Append(HtmlText.Encode(Labels.Get(c, "photo")))
            .Append("\" width=\"").Append(photo.Width.ToString(CultureInfo.InvariantCulture))
            .Append("\" height=\"").Append(photo.Height.ToString(CultureInfo.InvariantCulture)).Append("\"></div>");
        html.Append("<figcaption class=\"hap-photo-caption\">");
        if (photo.Taken is { } taken)
        {
            html.Append(HtmlText.Encode(Labels.Get(c, "taken"))).Append(" <time datetime=\"")
                .Append(taken.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)).Append("\">")
                .Append(HtmlText.Encode(taken.ToString("g", c))).Append("</time>");
        }
        else
        {
            html.Append(HtmlText.Encode(Labels.Get(c, "undated")));
        }

        html.Append(" · ").Append(photo.Width.ToString(c)).Append(" × ").Append(photo.Height.ToString(c)).Append(' ')
            .Append(HtmlText.Encode(Labels.Get(c, "pixels")));
        html.Append("</figcaption>");
        if (photo.Facts.Location is { } location)
        {
            // Never silently shown (the original is downloadable) nor silently dropped (the reader must know).
            html.Append("<p class=\"hap-photo-location\" role=\"note\"><strong>")
                .Append(HtmlText.Encode(Labels.Get(c, "location"))).Append("</strong> <span class=\"hap-photo-position\">")
                .Append(HtmlText.Encode(location.ToString())).Append("</span>. ")
                .Append(HtmlText.Encode(Labels.Get(c, "location-kept"))).Append("</p>");
        }

        html.Append("</figure>");
        return html.ToString();
    }
}
