using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace HapModular.Viewers.DeviceReports;

/// <summary>Escapes text for HTML while keeping accented letters readable in the source (é, not &amp;#233;).</summary>
internal static class HtmlText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string text) => Encoder.Encode(text);
}
