using System.Text.RegularExpressions;
using Ganss.Xss;

namespace HapModular.Viewers.Text;

/// <summary>One sanitizer configuration for every HTML a text viewer emits.</summary>
internal static partial class ReportSanitizer
{
    // HtmlSanitizer is thread-safe once configured; building it per call would cost more than the sanitizing.
    private static readonly HtmlSanitizer Sanitizer = Create();

    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    public static string? ExtractTitle(string html)
    {
        var m = TitlePattern().Match(html);
        if (!m.Success)
        {
            return null;
        }

        var raw = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
        var title = System.Net.WebUtility.HtmlDecode(TagPattern().Replace(raw, string.Empty)).Trim();
        return title.Length is > 0 and <= 200 ? title : null;
    }

    private static HtmlSanitizer Create()
    {
        var s = new HtmlSanitizer();
        // Reports link out rarely; when they do, only http(s) and mailto survive. data: stays for inline images.
        s.AllowedSchemes.Clear();
        s.AllowedSchemes.Add("https");
        s.AllowedSchemes.Add("http");
        s.AllowedSchemes.Add("mailto");
        s.AllowedSchemes.Add("data");
        s.AllowedTags.Remove("form");
        s.AllowedTags.Remove("input");
        s.AllowedTags.Remove("button");
        s.AllowedTags.Remove("textarea");
        s.AllowedTags.Remove("select");
        s.AllowDataAttributes = false;
        return s;
    }

    [GeneratedRegex(@"<title[^>]*>(.*?)</title>|<h1[^>]*>(.*?)</h1>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TitlePattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
