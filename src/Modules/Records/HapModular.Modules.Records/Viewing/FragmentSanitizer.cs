using Ganss.Xss;

namespace HapModular.Modules.Records.Viewing;

/// <summary>
/// The host's own pass over a plugin's HTML (the plugin sanitized already; we do not rely on it): no script, no
/// inline style or handlers, class and data-* kept for the plugin's client module, img/iframe only with relative,
/// same-origin URLs (the document's own render targets).
/// </summary>
internal static class FragmentSanitizer
{
    // HtmlSanitizer is thread-safe once configured.
    private static readonly HtmlSanitizer Sanitizer = Create();

    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    private static HtmlSanitizer Create()
    {
        var s = new HtmlSanitizer();
        s.AllowedAttributes.Add("class");
        s.AllowedAttributes.Remove("style");
        s.AllowedTags.Remove("style");
        s.AllowedTags.Remove("form");
        s.AllowedTags.Remove("input");
        s.AllowedTags.Remove("button");
        s.AllowedTags.Add("iframe");
        s.AllowedTags.Add("figure");
        s.AllowedTags.Add("figcaption");
        s.AllowedAttributes.Add("loading");
        s.AllowedAttributes.Add("title");
        s.AllowDataAttributes = true;
        s.AllowedCssProperties.Clear();
        s.AllowedSchemes.Clear();
        s.FilterUrl += (_, e) =>
        {
            // Only same-origin relative URLs survive: no scheme, no protocol-relative "//host".
            var url = e.OriginalUrl?.Trim() ?? string.Empty;
            var relative = url.Length > 0 && Uri.TryCreate(url, UriKind.Relative, out Uri? _)
                && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith('\\') && !url.StartsWith("/\\", StringComparison.Ordinal);
            e.SanitizedUrl = relative ? url : null;
        };
        return s;
    }
}
