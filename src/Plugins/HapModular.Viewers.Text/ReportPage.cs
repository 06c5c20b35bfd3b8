using System.Globalization;
using System.Text;

namespace HapModular.Viewers.Text;

/// <summary>
/// The frame every structured report shares: an article the search module (<c>report-search.js</c>) finds by
/// class, labelled through data attributes because the host strips everything else that could carry text.
/// </summary>
internal static class ReportPage
{
    public const string SearchModule = "report-search.js";

    public static StringBuilder Open(string kind, CultureInfo culture)
    {
        var html = new StringBuilder();
        html.Append("<article class=\"hap-report hap-report-").Append(kind)
            .Append("\" data-search-label=\"").Append(HtmlText.Encode(Labels.Get(culture, "search"))).Append("\">");
        return html;
    }

    public static string Close(StringBuilder html) => html.Append("</article>").ToString();

    /// <summary>A definition list of header facts (date, author…), skipping empty values.</summary>
    public static void Facts(StringBuilder html, IEnumerable<(string Label, string? Value)> facts)
    {
        var items = facts.Where(f => !string.IsNullOrWhiteSpace(f.Value)).ToList();
        if (items.Count == 0)
        {
            return;
        }

        html.Append("<dl class=\"hap-report-facts\">");
        foreach (var (label, value) in items)
        {
            html.Append("<dt>").Append(HtmlText.Encode(label)).Append("</dt><dd>").Append(HtmlText.Encode(value!)).Append("</dd>");
        }

        html.Append("</dl>");
    }

    /// <summary>A sandboxed frame showing a PDF target of the same document, and a link to the original.</summary>
    public static void PdfFrame(StringBuilder html, RenderRequest request, params (string Name, string Value)[] parameters)
    {
        var c = request.Culture;
        html.Append("<figure class=\"hap-pdf-figure\"><iframe class=\"hap-pdf\" title=\"").Append(HtmlText.Encode(Labels.Get(c, "pdf")))
            .Append("\" src=\"").Append(HtmlText.Encode(request.ResourceUrl("pdf", parameters))).Append("\" sandbox></iframe>")
            .Append("<figcaption><a class=\"hap-download\" href=\"").Append(HtmlText.Encode(request.OriginalUrl)).Append("\" download>")
            .Append(HtmlText.Encode(Labels.Get(c, "download"))).Append("</a></figcaption></figure>");
    }

    /// <summary>Formats a date for the reader: date only when the source had no time.</summary>
    public static string FormatDate(DateTimeOffset value, bool hasTime, CultureInfo culture) =>
        hasTime ? value.ToString("g", culture) : value.ToString("d", culture);
}
