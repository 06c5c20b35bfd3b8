using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace HapModular.Viewers.Text;

/// <summary>Escapes text for HTML while keeping accented letters readable in the source (é, not &amp;#233;).</summary>
internal static class HtmlText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string text) => Encoder.Encode(text);

    // The encoder escapes line feeds too; a <pre> block reads better with real ones in the source.
    public static string EncodeKeepingLines(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(Encoder.Encode));
}
