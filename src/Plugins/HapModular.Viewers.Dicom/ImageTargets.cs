using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using HapModular.Dicom;
using HapModular.Dicom.Imaging;

namespace HapModular.Viewers.Dicom;

/// <summary>The image targets: <c>view</c> (HTML for the client module), <c>frame</c> (PNG), <c>raw</c> and <c>meta</c>, <c>thumbnail</c>.</summary>
internal static class ImageTargets
{
    private const int MaxSize = 4096;

    public static RenderResult Render(DicomImage image, RenderRequest request, CancellationToken cancellationToken)
    {
        var frame = Math.Clamp(request.GetInt("frame", 1), 1, image.FrameCount) - 1;
        return request.Target switch
        {
            RenderTargets.View => RenderResult.Html(View(image, request)),
            "frame" => RenderResult.Binary(PngWriter.Encode(Frame(image, request, frame)), "image/png"),
            RenderTargets.Thumbnail => RenderResult.Binary(PngWriter.Encode(image.Render(0, VoiChoice.Default).Fit(256)), "image/png"),
            "raw" => Raw(image, frame),
            "meta" => RenderResult.Json(Meta(image, frame)),
            _ => RenderResult.CannotDisplay($"Unknown target '{request.Target}' (view, frame, raw, meta, thumbnail)."),
        };
    }

    private static RenderedImage Frame(DicomImage image, RenderRequest request, int frame)
    {
        var wc = request.GetDouble("wc");
        var ww = request.GetDouble("ww");
        var voi = wc is { } c && ww is { } w && w >= 1 ? VoiChoice.Window(new WindowLevel(c, w)) : VoiChoice.Default;
        var rendered = image.Render(frame, voi);
        var size = request.GetInt("size", 0);
        return size > 0 ? rendered.Fit(Math.Clamp(size, 16, MaxSize)) : rendered;
    }

    private static RenderResult Raw(DicomImage image, int frame) =>
        image.Description.IsMonochrome
            ? RenderResult.Binary(RawFrame.From(image, frame).Bytes, "application/octet-stream")
            : RenderResult.CannotDisplay("Raw modality values exist only for monochrome images; use the frame target.");

    private static string Meta(DicomImage image, int frame)
    {
        var d = image.Description;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("rows", d.Rows);
            json.WriteNumber("columns", d.Columns);
            json.WriteNumber("frames", d.Frames);
            json.WriteNumber("frame", frame + 1);
            json.WriteString("photometric", d.Photometric);
            json.WriteBoolean("color", d.IsColor);
            json.WriteBoolean("invert", d.Photometric == "MONOCHROME1");
            json.WriteString("encoding", "int16le");
            if (d.IsMonochrome)
            {
                var raw = RawFrame.From(image, frame);
                json.WriteNumber("min", raw.Min);
                json.WriteNumber("max", raw.Max);
                json.WriteNumber("scale", raw.Scale);
                json.WriteNumber("offset", raw.Offset);
                if (raw.Window is { } w)
                {
                    json.WriteStartObject("window");
                    json.WriteNumber("center", w.Center);
                    json.WriteNumber("width", w.Width);
                    json.WriteEndObject();
                }
            }

            json.WriteStartArray("windows");
            foreach (var w in image.StoredWindows(frame))
            {
                json.WriteStartObject();
                json.WriteNumber("center", w.Center);
                json.WriteNumber("width", w.Width);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string View(DicomImage image, RenderRequest request)
    {
        var d = image.Description;
        var ds = image.File.Dataset;
        var modality = ds.GetString(DicomTags.Modality)?.Trim() ?? string.Empty;
        WindowLevel? window = null;
        if (d.IsMonochrome)
        {
            image.ModalityValues(0, out window);
        }

        var html = new StringBuilder("<div class=\"hap-dicom\"");
        void Attr(string name, string value) => html.Append(' ').Append(name).Append("=\"").Append(WebUtility.HtmlEncode(value)).Append('"');
        static string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        Attr("data-frames", d.Frames.ToString(CultureInfo.InvariantCulture));
        Attr("data-rows", d.Rows.ToString(CultureInfo.InvariantCulture));
        Attr("data-columns", d.Columns.ToString(CultureInfo.InvariantCulture));
        Attr("data-modality", modality);
        Attr("data-photometric", d.Photometric);
        Attr("data-color", d.IsColor ? "true" : "false");
        if (window is { } w)
        {
            Attr("data-wc", N(w.Center));
            Attr("data-ww", N(w.Width));
        }

        Attr("data-presets", ModalityPresets.Encode(modality));
        Attr("data-frame-url", request.ResourceUrl("frame"));
        Attr("data-raw-url", request.ResourceUrl("raw"));
        Attr("data-meta-url", request.ResourceUrl("meta"));
        Attr("data-thumbnail-url", request.ResourceUrl(RenderTargets.Thumbnail));
        html.Append('>');

        // Without the client module the first frame still shows, at the file's default window.
        html.Append("<img class=\"hap-dicom-fallback\" src=\"").Append(WebUtility.HtmlEncode(request.ResourceUrl("frame", ("frame", "1"))))
            .Append("\" alt=\"").Append(WebUtility.HtmlEncode(Labels.Get("image", request.Culture)))
            .Append("\" width=\"").Append(d.Columns.ToString(CultureInfo.InvariantCulture))
            .Append("\" height=\"").Append(d.Rows.ToString(CultureInfo.InvariantCulture)).Append("\">");
        html.Append("</div>");
        return html.ToString();
    }
}
