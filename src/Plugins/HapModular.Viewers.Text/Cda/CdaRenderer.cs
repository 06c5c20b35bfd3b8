using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace HapModular.Viewers.Text.Cda;

/// <summary>Renders a CDA document (or a lone section) as headings, facts and narrative HTML.</summary>
internal static class CdaRenderer
{
    public static readonly XNamespace V3 = "urn:hl7-org:v3";

    public static bool IsCda(XElement? root) =>
        root is not null && (root.Name == V3 + "ClinicalDocument" || (root.Name.LocalName == "section" && Child(root, "text") is not null));

    /// <param name="pdfParameters">How the view's <c>pdf</c> target reaches this document's embedded PDF.</param>
    public static void Render(XElement root, StringBuilder html, RenderRequest request, params (string Name, string Value)[] pdfParameters)
    {
        var c = request.Culture;
        if (root.Name.LocalName == "section")
        {
            Section(root, html, c, 2);
            return;
        }

        var title = Child(root, "title")?.Value.Trim();
        if (!string.IsNullOrEmpty(title))
        {
            html.Append("<h1>").Append(HtmlText.Encode(title)).Append("</h1>");
        }

        ReportPage.Facts(html,
        [
            (Labels.Get(c, "patient"), PersonName(root.Element(V3 + "recordTarget")?.Descendants(V3 + "patient").FirstOrDefault()?.Element(V3 + "name"))),
            (Labels.Get(c, "date"), Hl7Time.Format((string?)Child(root, "effectiveTime")?.Attribute("value"), c)),
            (Labels.Get(c, "author"), AuthorName(root)),
        ]);

        var body = Child(root, "component");
        var structured = Child(body, "structuredBody");
        var nonXml = Child(body, "nonXMLBody");
        if (structured is not null)
        {
            foreach (var section in structured.Elements(V3 + "component").Select(x => x.Element(V3 + "section")).OfType<XElement>())
            {
                Section(section, html, c, 2);
            }
        }
        else if (nonXml is not null)
        {
            NonXmlBody(nonXml, html, request, pdfParameters);
        }
    }

    /// <summary>The base64 PDF of an unstructured document, if that is what it carries.</summary>
    public static byte[]? EmbeddedPdf(XElement root)
    {
        var text = Child(Child(Child(root, "component"), "nonXMLBody"), "text");
        if (text is null || (string?)text.Attribute("representation") != "B64")
        {
            return null;
        }

        return string.Equals((string?)text.Attribute("mediaType"), "application/pdf", StringComparison.OrdinalIgnoreCase)
            ? Pdf.PdfBytes.FromBase64(text.Value)
            : null;
    }

    public static string? Title(XElement root) => Child(root, "title")?.Value.Trim() is { Length: > 0 } t ? t : null;

    public static DateTimeOffset? EffectiveTime(XElement root) =>
        Hl7Time.TryParse((string?)Child(root, "effectiveTime")?.Attribute("value"), out var v, out _) ? v : null;

    public static string? AuthorName(XElement root) =>
        PersonName(root.Element(V3 + "author")?.Descendants(V3 + "assignedPerson").FirstOrDefault()?.Element(V3 + "name"))
        ?? root.Element(V3 + "author")?.Descendants(V3 + "representedOrganization").FirstOrDefault()?.Element(V3 + "name")?.Value.Trim();

    private static void NonXmlBody(XElement nonXml, StringBuilder html, RenderRequest request, (string, string)[] pdfParameters)
    {
        var text = Child(nonXml, "text");
        var reference = (string?)Child(text, "reference")?.Attribute("value");
        if (text is not null && (string?)text.Attribute("representation") == "B64"
            && string.Equals((string?)text.Attribute("mediaType"), "application/pdf", StringComparison.OrdinalIgnoreCase))
        {
            ReportPage.PdfFrame(html, request, pdfParameters);
        }
        else if (reference is not null)
        {
            html.Append("<p class=\"hap-note\">").Append(HtmlText.Encode(Labels.Get(request.Culture, "referenced-file"))).Append(" <code>")
                .Append(HtmlText.Encode(reference)).Append("</code></p>");
        }
        else if (text is not null && (string?)text.Attribute("representation") != "B64")
        {
            html.Append("<pre class=\"hap-text-report\">").Append(HtmlText.EncodeKeepingLines(text.Value.Trim())).Append("</pre>");
        }
        else
        {
            html.Append("<p class=\"hap-note\">").Append(HtmlText.Encode(Labels.Get(request.Culture, "unsupported-attachment")))
                .Append(" (").Append(HtmlText.Encode((string?)text?.Attribute("mediaType") ?? "?")).Append(")</p>");
        }
    }

    private static void Section(XElement section, StringBuilder html, CultureInfo culture, int level)
    {
        var h = Math.Min(level, 6);
        html.Append("<section class=\"hap-cda-section\">");
        var title = Child(section, "title")?.Value.Trim();
        if (!string.IsNullOrEmpty(title))
        {
            html.Append("<h").Append(h).Append('>').Append(HtmlText.Encode(title)).Append("</h").Append(h).Append('>');
        }

        if (Child(section, "text") is { } text)
        {
            html.Append("<div class=\"hap-cda-text\">");
            CdaNarrative.Render(text, html, culture);
            html.Append("</div>");
        }

        foreach (var sub in section.Elements().Where(e => e.Name.LocalName == "component").Select(e => Child(e, "section")).OfType<XElement>())
        {
            Section(sub, html, culture, level + 1);
        }

        html.Append("</section>");
    }

    // The corpus has namespaced documents and one un-namespaced section fragment: match local names.
    private static XElement? Child(XElement? parent, string name) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static string? PersonName(XElement? name)
    {
        if (name is null)
        {
            return null;
        }

        var parts = name.Elements().Where(e => e.Name.LocalName is "prefix" or "given" or "family" or "suffix").Select(e => e.Value.Trim()).Where(v => v.Length > 0).ToList();
        var full = parts.Count > 0 ? string.Join(' ', parts) : name.Value.Trim();
        return full.Length > 0 ? full : null;
    }
}
