using PdfSharp.Fonts;

namespace HapModular.Modules.Notifications.Letters.Rendering;

/// <summary>
/// PDFsharp on Linux needs a font resolver: DejaVu Sans from Debian's <c>fonts-dejavu-core</c> (installed by
/// build/setup.sh) covers French, Dutch and German accents, «», € and œ. Every family name maps to it.
/// </summary>
internal sealed class DejaVuFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly string Directory = Environment.GetEnvironmentVariable("HAP_FONTS_DIR") ?? "/usr/share/fonts/truetype/dejavu";

    private static readonly object Gate = new();

    /// <summary>Installs the resolver once per process (PDFsharp's setting is global).</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not DejaVuFontResolver)
            {
                GlobalFontSettings.FontResolver = new DejaVuFontResolver();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(Directory, faceName + ".ttf"));
}
