using System.Globalization;
using System.Net;
using System.Text;
using HapModular.Dicom;

namespace HapModular.Viewers.Dicom;

/// <summary>
/// A DICOM structured report as readable HTML: the content tree with containers as headings, text, codes
/// (meaning and scheme), measurements with units, names, dates and references. No script, no inline style.
/// </summary>
internal static class StructuredReportHtml
{
    private static readonly DicomTag ReferencedSopSequence = new(0x0008, 0x1199);
    private static readonly DicomTag ReferencedSopInstanceUid = new(0x0008, 0x1155);

    public static string Render(DicomDataset ds, CultureInfo culture)
    {
        var html = new StringBuilder("<article class=\"hap-dicom-sr\">");
        var title = Concept(ds);
        html.Append("<h1>").Append(Encode(string.IsNullOrEmpty(title) ? Labels.Get("report", culture) : title)).Append("</h1>");
        var flags = new List<string>();
        if (ds.GetString(DicomTags.CompletionFlag) is { } completion)
        {
            flags.Add(Labels.Get(completion.Trim() == "COMPLETE" ? "complete" : "partial", culture));
        }

        if (ds.GetString(DicomTags.VerificationFlag) is { } verification)
        {
            flags.Add(Labels.Get(verification.Trim() == "VERIFIED" ? "verified" : "unverified", culture));
        }

        if (flags.Count > 0)
        {
            html.Append("<p class=\"hap-sr-flags\">").Append(Encode(string.Join(" · ", flags))).Append("</p>");
        }

        Children(html, ds, 2, culture);
        html.Append("</article>");
        return html.ToString();
    }

    private static void Children(StringBuilder html, DicomDataset ds, int level, CultureInfo culture)
    {
        var items = ds.GetSequence(DicomTags.ContentSequence);
        if (items.Count == 0)
        {
            return;
        }

        html.Append("<ul class=\"hap-sr-content\">");
        foreach (var item in items)
        {
            Item(html, item, level, culture);
        }

        html.Append("</ul>");
    }

    private static void Item(StringBuilder html, DicomDataset item, int level, CultureInfo culture)
    {
        var type = (item.GetString(DicomTags.ValueType) ?? string.Empty).Trim();
        var relationship = (item.GetString(DicomTags.RelationshipType) ?? string.Empty).Trim().ToLowerInvariant();
        html.Append("<li class=\"hap-sr-").Append(Encode(type.ToLowerInvariant())).Append(" hap-sr-rel-").Append(Encode(relationship)).Append("\">");
        var concept = Concept(item);
        if (type == "CONTAINER")
        {
            var h = Math.Min(level, 6).ToString(CultureInfo.InvariantCulture);
            html.Append("<h").Append(h).Append('>').Append(Encode(concept)).Append("</h").Append(h).Append('>');
        }
        else
        {
            if (concept.Length > 0)
            {
                html.Append("<span class=\"hap-sr-concept\">").Append(Encode(concept)).Append("</span> ");
            }

            html.Append("<span class=\"hap-sr-value\">").Append(Value(item, type, culture)).Append("</span>");
        }

        Children(html, item, level + 1, culture);
        html.Append("</li>");
    }

    private static string Value(DicomDataset item, string type, CultureInfo culture) => type switch
    {
        "TEXT" => Encode(item.GetString(DicomTags.TextValue) ?? string.Empty).Replace("\r\n", "<br>", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal),
        "CODE" => Code(item.GetSequence(DicomTags.ConceptCodeSequence).FirstOrDefault()),
        "NUM" => Number(item),
        "PNAME" => Encode((item.GetString(DicomTags.PersonName) ?? string.Empty).Replace('^', ' ').Trim()),
        "DATE" => Encode(FormatDate(item.GetString(DicomTags.Date))),
        "TIME" => Encode(item.GetString(DicomTags.Time) ?? string.Empty),
        "DATETIME" => Encode(item.GetString(DicomTags.DateTime) ?? string.Empty),
        "UIDREF" => Encode(item.GetString(DicomTags.Uid) ?? string.Empty),
        "IMAGE" or "COMPOSITE" or "WAVEFORM" => Encode(Labels.Get("reference", culture) + " " +
            (item.GetSequence(ReferencedSopSequence).FirstOrDefault()?.GetString(ReferencedSopInstanceUid) ?? string.Empty)),
        _ => string.Empty,
    };

    private static string Number(DicomDataset item)
    {
        var measured = item.GetSequence(DicomTags.MeasuredValueSequence).FirstOrDefault();
        if (measured is null)
        {
            return string.Empty;
        }

        var value = measured.GetString(DicomTags.NumericValue) ?? string.Empty;
        var unit = measured.GetSequence(DicomTags.MeasurementUnitsCodeSequence).FirstOrDefault();
        var unitText = unit?.GetString(DicomTags.CodeValue) ?? string.Empty;
        return Encode(unitText is "" or "1" ? value : value + " " + unitText);
    }

    private static string Code(DicomDataset? code)
    {
        if (code is null)
        {
            return string.Empty;
        }

        var meaning = code.GetString(DicomTags.CodeMeaning) ?? string.Empty;
        var scheme = code.GetString(DicomTags.CodingSchemeDesignator) ?? string.Empty;
        var value = code.GetString(DicomTags.CodeValue) ?? string.Empty;
        return Encode(meaning) + (value.Length > 0 ? " <span class=\"hap-sr-code\">(" + Encode(scheme + " " + value) + ")</span>" : string.Empty);
    }

    private static string Concept(DicomDataset item) =>
        item.GetSequence(DicomTags.ConceptNameCodeSequence).FirstOrDefault()?.GetString(DicomTags.CodeMeaning)?.Trim() ?? string.Empty;

    private static string FormatDate(string? da) =>
        DicomDates.TryParseDate(da, out var d) ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : da ?? string.Empty;

    private static string Encode(string s) => WebUtility.HtmlEncode(s);
}
