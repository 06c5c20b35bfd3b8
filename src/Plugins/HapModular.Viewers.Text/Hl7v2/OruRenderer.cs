using System.Globalization;
using System.Text;
using HapModular.Viewers.Text.Cda;

namespace HapModular.Viewers.Text.Hl7v2;

/// <summary>An ORU^R01 message as one results table per order (OBR), with attached PDF or CDA documents shown.</summary>
internal static class OruRenderer
{
    public static string Render(Hl7Message message, RenderRequest request)
    {
        var c = request.Culture;
        var html = ReportPage.Open("hl7v2", c);
        var pid = message.First("PID");
        var msh = message.First("MSH")!;
        ReportPage.Facts(html,
        [
            (Labels.Get(c, "patient"), pid is null ? null : (pid.Get(5, 2) + " " + pid.Get(5, 1)).Trim()),
            (Labels.Get(c, "date"), Hl7Time.Format(msh.Get(7), c)),
            (Labels.Get(c, "performer"), msh.Get(4)),
        ]);

        var obxIndex = 0;
        var anyResult = false;
        foreach (var group in Groups(message))
        {
            if (group.Order is { } obr)
            {
                html.Append("<h2>").Append(HtmlText.Encode(CodedText(obr, 4))).Append("</h2>");
                ReportPage.Facts(html, [(Labels.Get(c, "date"), Hl7Time.Format(obr.Get(7), c))]);
            }

            var table = new StringBuilder();
            foreach (var seg in group.Segments)
            {
                if (seg.Name == "NTE")
                {
                    html.Append("<p class=\"hap-note\">").Append(HtmlText.EncodeKeepingLines(seg.Get(3))).Append("</p>");
                    continue;
                }

                obxIndex++;
                anyResult = true;
                if (seg.Get(2) == "ED")
                {
                    Encapsulated(seg, obxIndex, html, request);
                }
                else
                {
                    Row(seg, table, c);
                }
            }

            if (table.Length > 0)
            {
                html.Append("<div class=\"hap-table-scroll\"><table class=\"hap-lab-results\"><thead><tr>");
                foreach (var key in new[] { "test", "value", "units", "range", "flag" })
                {
                    html.Append("<th>").Append(HtmlText.Encode(Labels.Get(c, key))).Append("</th>");
                }

                html.Append("</tr></thead><tbody>").Append(table).Append("</tbody></table></div>");
            }
        }

        if (!anyResult)
        {
            html.Append("<p class=\"hap-note\">").Append(HtmlText.Encode(Labels.Get(c, "no-results"))).Append("</p>");
        }

        return ReportPage.Close(html);
    }

    /// <summary>The PDF carried by the n-th OBX (1-based), directly or inside an embedded unstructured CDA.</summary>
    public static byte[]? EmbeddedPdf(Hl7Message message, int obxIndex)
    {
        var obx = message.Segments.Where(s => s.Name == "OBX").ElementAtOrDefault(obxIndex - 1);
        if (obx is null || obx.Get(2) != "ED")
        {
            return null;
        }

        var ed = obx.EncapsulatedData(5);
        if (IsPdf(ed))
        {
            return Pdf.PdfBytes.FromBase64(ed.Data);
        }

        var cda = SafeXml.TryParse(ed.Data)?.Root;
        return CdaRenderer.IsCda(cda) ? CdaRenderer.EmbeddedPdf(cda!) : null;
    }

    private static bool IsPdf((string Type, string Subtype, string Encoding, string Data) ed) =>
        (ed.Subtype.Equals("PDF", StringComparison.OrdinalIgnoreCase) || ed.Subtype.Equals("application/pdf", StringComparison.OrdinalIgnoreCase))
        && ed.Encoding.Equals("Base64", StringComparison.OrdinalIgnoreCase);

    private static void Encapsulated(Hl7Segment obx, int obxIndex, StringBuilder html, RenderRequest request)
    {
        var ed = obx.EncapsulatedData(5);
        var c = request.Culture;
        html.Append("<section class=\"hap-attachment\"><h3>").Append(HtmlText.Encode(CodedText(obx, 3))).Append("</h3>");
        var index = ("obx", obxIndex.ToString(CultureInfo.InvariantCulture));
        if (IsPdf(ed))
        {
            ReportPage.PdfFrame(html, request, index);
        }
        else if (SafeXml.TryParse(ed.Data)?.Root is { } root && CdaRenderer.IsCda(root))
        {
            html.Append("<p class=\"hap-note\">").Append(HtmlText.Encode(Labels.Get(c, "embedded-cda"))).Append("</p><div class=\"hap-embedded-cda\">");
            CdaRenderer.Render(root, html, request, index);
            html.Append("</div>");
        }
        else if (ed.Encoding.Equals("A", StringComparison.OrdinalIgnoreCase) && ed.Subtype.Equals("plain", StringComparison.OrdinalIgnoreCase))
        {
            html.Append("<pre class=\"hap-text-report\">").Append(HtmlText.EncodeKeepingLines(ed.Data)).Append("</pre>");
        }
        else
        {
            html.Append("<p class=\"hap-note\">").Append(HtmlText.Encode(Labels.Get(c, "unsupported-attachment")))
                .Append(" (").Append(HtmlText.Encode(ed.Type + "/" + ed.Subtype)).Append(")</p>");
        }

        html.Append("</section>");
    }

    private static void Row(Hl7Segment obx, StringBuilder table, CultureInfo c)
    {
        var flags = obx.Repetitions(8).Select(r => obx.ComponentOf(r, 1)).Where(f => f.Length > 0).ToList();
        var abnormal = flags.Any(AbnormalFlags.IsAbnormal);
        table.Append(abnormal ? "<tr class=\"hap-abnormal\">" : "<tr>");
        table.Append("<td>").Append(HtmlText.Encode(CodedText(obx, 3))).Append("</td>");
        table.Append("<td class=\"hap-value\">").Append(HtmlText.EncodeKeepingLines(Value(obx, c))).Append("</td>");
        table.Append("<td>").Append(HtmlText.Encode(Units(obx))).Append("</td>");
        table.Append("<td>").Append(HtmlText.Encode(obx.Joined(7))).Append("</td>");
        table.Append("<td>");
        foreach (var f in flags)
        {
            var text = HtmlText.Encode(AbnormalFlags.Describe(f, c));
            table.Append(AbnormalFlags.IsAbnormal(f) ? "<strong class=\"hap-flag\">" + text + "</strong> " : text + " ");
        }

        table.Append("</td></tr>");
    }

    private static string Value(Hl7Segment obx, CultureInfo c)
    {
        var type = obx.Get(2);
        var values = obx.Repetitions(5).Select(rep => type switch
        {
            "SN" => string.Concat(obx.ComponentOf(rep, 1), obx.ComponentOf(rep, 2), obx.ComponentOf(rep, 3), obx.ComponentOf(rep, 4)),
            "CE" or "CWE" or "CNE" => FirstNonEmpty(obx.ComponentOf(rep, 2), obx.ComponentOf(rep, 1)),
            "DT" or "TS" or "DTM" => Hl7Time.Format(obx.ComponentOf(rep, 1), c) ?? obx.ComponentOf(rep, 1),
            _ => obx.ComponentOf(rep, 1),
        });
        return string.Join("\n", values.Where(v => v.Length > 0));
    }

    private static string Units(Hl7Segment obx)
    {
        var id = obx.Get(6, 1);
        var original = obx.Get(6, 9);
        var text = FirstNonEmpty(id, obx.Get(6, 2));
        return original.Length > 0 && original != text ? (text + " (" + original + ")").Trim() : text;
    }

    private static string CodedText(Hl7Segment seg, int field) => FirstNonEmpty(seg.Get(field, 2), seg.Get(field, 5), seg.Get(field, 1));

    private static string FirstNonEmpty(params string[] values) => values.FirstOrDefault(v => v.Length > 0) ?? string.Empty;

    private static IEnumerable<(Hl7Segment? Order, List<Hl7Segment> Segments)> Groups(Hl7Message message)
    {
        Hl7Segment? order = null;
        var current = new List<Hl7Segment>();
        foreach (var seg in message.Segments)
        {
            if (seg.Name == "OBR")
            {
                if (order is not null || current.Count > 0)
                {
                    yield return (order, current);
                }

                order = seg;
                current = [];
            }
            else if (seg.Name == "OBX" || (seg.Name == "NTE" && order is not null))
            {
                current.Add(seg);
            }
        }

        if (order is not null || current.Count > 0)
        {
            yield return (order, current);
        }
    }
}
