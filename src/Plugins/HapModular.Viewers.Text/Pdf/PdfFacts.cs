using System.Globalization;
using UglyToad.PdfPig;

namespace HapModular.Viewers.Text.Pdf;

/// <summary>
/// A PDF's own title and creation date, from its document information dictionary, else its XMP metadata (PdfPig;
/// the XMP packet is parsed by <see cref="SafeXml"/>, never with DTDs). A title that is only a file name (a word
/// processor's "report.docx") is no title.
/// </summary>
internal static class PdfFacts
{
    public static (string? Title, DateTimeOffset? Created) Read(ReadOnlyMemory<byte> data)
    {
        try
        {
            using var pdf = PdfDocument.Open(data.ToArray(), new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            var title = Clean(pdf.Information.Title);
            var created = pdf.Information.GetCreatedDateTimeOffset();
            if ((title is null || created is null) && pdf.TryGetXmpMetadata(out var xmp) && SafeXml.TryLoad(xmp.GetXmlMemory())?.Root is { } root)
            {
                title ??= Clean(root.Descendants().FirstOrDefault(e => e.Name.LocalName == "title")?.Descendants().FirstOrDefault(e => e.Name.LocalName == "li")?.Value);
                created ??= XmpDate(root.Descendants().FirstOrDefault(e => e.Name.LocalName == "CreateDate" && e.Name.NamespaceName.Contains("xap", StringComparison.Ordinal))?.Value);
            }

            return (title, created);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            // PdfPig throws many exception types on damaged files; a PDF it cannot read has no facts, not an error.
            return (null, null);
        }
    }

    private static string? Clean(string? title)
    {
        var t = title?.Trim('\0', ' ', '\t', '\r', '\n');
        if (string.IsNullOrEmpty(t) || t.Length > 200)
        {
            return null;
        }

        var looksLikeFileName = t.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) || t.EndsWith(".doc", StringComparison.OrdinalIgnoreCase)
            || t.EndsWith(".docx", StringComparison.OrdinalIgnoreCase) || t.EndsWith(".rtf", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("Microsoft Word - ", StringComparison.Ordinal) || t.Equals("untitled", StringComparison.OrdinalIgnoreCase);
        return looksLikeFileName ? null : t;
    }

    private static DateTimeOffset? XmpDate(string? text) =>
        DateTimeOffset.TryParse(text?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
}
