using System.Text;
using System.Xml.Linq;

namespace HapModular.Viewers.Text.Cda;

/// <summary>
/// The CDA narrative block (<c>section/text</c>, schema POCD_MT000040 StrucDoc) mapped element by element onto
/// plain HTML. Only known elements become tags; unknown ones keep their text. No attribute is copied except
/// table spans and http(s) links, so nothing in the source can smuggle script or style.
/// </summary>
internal static class CdaNarrative
{
    public static void Render(XElement text, StringBuilder html, System.Globalization.CultureInfo culture)
    {
        foreach (var node in text.Nodes())
        {
            Node(node, html, culture);
        }
    }

    private static void Node(XNode node, StringBuilder html, System.Globalization.CultureInfo culture)
    {
        switch (node)
        {
            case XText t:
                html.Append(HtmlText.Encode(t.Value));
                break;
            case XElement e:
                Element(e, html, culture);
                break;
        }
    }

    private static void Element(XElement e, StringBuilder html, System.Globalization.CultureInfo culture)
    {
        switch (e.Name.LocalName)
        {
            case "paragraph":
                Wrap(e, html, culture, "p");
                break;
            case "content":
                Wrap(e, html, culture, StyleTag(e));
                break;
            case "br":
                html.Append("<br>");
                break;
            case "list":
                var listTag = (string?)e.Attribute("listType") == "ordered" ? "ol" : "ul";
                foreach (var caption in e.Elements().Where(c => c.Name.LocalName == "caption"))
                {
                    Wrap(caption, html, culture, "p");
                }

                html.Append('<').Append(listTag).Append('>');
                foreach (var item in e.Elements().Where(c => c.Name.LocalName == "item"))
                {
                    Wrap(item, html, culture, "li");
                }

                html.Append("</").Append(listTag).Append('>');
                break;
            case "table":
                html.Append("<div class=\"hap-table-scroll\">");
                Wrap(e, html, culture, "table");
                html.Append("</div>");
                break;
            case "thead" or "tbody" or "tfoot" or "tr" or "colgroup" or "col" or "sub" or "sup":
                Wrap(e, html, culture, e.Name.LocalName);
                break;
            case "th" or "td":
                html.Append('<').Append(e.Name.LocalName);
                Span(e, "colspan", html);
                Span(e, "rowspan", html);
                html.Append('>');
                Render(e, html, culture);
                html.Append("</").Append(e.Name.LocalName).Append('>');
                break;
            case "caption":
                Wrap(e, html, culture, e.Parent?.Name.LocalName == "table" ? "caption" : "strong");
                break;
            case "linkHtml":
                Link(e, html, culture);
                break;
            case "footnote":
                Wrap(e, html, culture, "small");
                break;
            case "footnoteRef":
                break;
            case "renderMultiMedia":
                html.Append("<span class=\"hap-cda-media\">[").Append(HtmlText.Encode(Labels.Get(culture, "multimedia"))).Append("]</span>");
                break;
            default:
                Render(e, html, culture);
                break;
        }
    }

    private static void Wrap(XElement e, StringBuilder html, System.Globalization.CultureInfo culture, string tag)
    {
        html.Append('<').Append(tag).Append('>');
        Render(e, html, culture);
        html.Append("</").Append(tag).Append('>');
    }

    private static string StyleTag(XElement e)
    {
        var style = ((string?)e.Attribute("styleCode") ?? string.Empty).ToLowerInvariant();
        return style.Contains("bold", StringComparison.Ordinal) ? "strong"
            : style.Contains("italics", StringComparison.Ordinal) ? "em"
            : style.Contains("underline", StringComparison.Ordinal) ? "u"
            : "span";
    }

    private static void Span(XElement e, string name, StringBuilder html)
    {
        if (int.TryParse((string?)e.Attribute(name), out var n) && n is > 1 and < 100)
        {
            html.Append(' ').Append(name).Append("=\"").Append(n).Append('"');
        }
    }

    private static void Link(XElement e, StringBuilder html, System.Globalization.CultureInfo culture)
    {
        var href = (string?)e.Attribute("href");
        if (Uri.TryCreate(href, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            html.Append("<a href=\"").Append(HtmlText.Encode(uri.AbsoluteUri)).Append("\" rel=\"noopener noreferrer\">");
            Render(e, html, culture);
            html.Append("</a>");
        }
        else
        {
            Render(e, html, culture);
        }
    }
}
