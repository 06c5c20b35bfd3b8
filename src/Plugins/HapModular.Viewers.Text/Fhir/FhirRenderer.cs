using System.Globalization;
using System.Text;
using System.Text.Json;
using static HapModular.Viewers.Text.Fhir.FhirJson;

namespace HapModular.Viewers.Text.Fhir;

/// <summary>A readable summary of a FHIR R4 DiagnosticReport, Observation, DocumentReference or Bundle of them.</summary>
internal sealed class FhirRenderer(RenderRequest request)
{
    private readonly CultureInfo c = request.Culture;
    private int attachmentIndex;

    public static readonly string[] Supported = ["DiagnosticReport", "Observation", "DocumentReference", "Bundle"];

    public void Resource(JsonElement r, StringBuilder html, int level)
    {
        var h = Math.Min(level, 6);
        switch (Str(r, "resourceType"))
        {
            case "Bundle":
                foreach (var entry in Array(r, "entry"))
                {
                    if (Obj(entry, "resource") is { } inner)
                    {
                        html.Append("<section class=\"hap-fhir-entry\">");
                        Resource(inner, html, level);
                        html.Append("</section>");
                    }
                }

                break;
            case "DiagnosticReport":
                Heading(html, h, Concept(Obj(r, "code")));
                ReportPage.Facts(html,
                [
                    (L("type"), Concepts(r, "category")),
                    (L("status"), Str(r, "status")),
                    (L("date"), Date(Str(r, "effectiveDateTime") ?? Str(Obj(r, "effectivePeriod") ?? default, "start"), c)),
                    (L("issued"), Date(Str(r, "issued"), c)),
                    (L("performer"), References(r, "performer")),
                    (L("author"), References(r, "resultsInterpreter")),
                ]);
                var contained = Array(r, "contained").Where(x => Str(x, "resourceType") == "Observation").ToList();
                if (contained.Count > 0)
                {
                    ObservationTable(contained, html);
                }
                else if (Array(r, "result").Any())
                {
                    html.Append("<h").Append(Math.Min(h + 1, 6)).Append('>').Append(HtmlText.Encode(L("results"))).Append("</h").Append(Math.Min(h + 1, 6)).Append("><ul class=\"hap-fhir-results\">");
                    foreach (var result in Array(r, "result"))
                    {
                        html.Append("<li>").Append(HtmlText.Encode(Reference(result) ?? "?")).Append("</li>");
                    }

                    html.Append("</ul>");
                }

                if (Str(r, "conclusion") is { } conclusion)
                {
                    html.Append("<p class=\"hap-conclusion\"><strong>").Append(HtmlText.Encode(L("conclusion"))).Append(" :</strong> ")
                        .Append(HtmlText.EncodeKeepingLines(conclusion)).Append("</p>");
                }

                Attachments(Array(r, "presentedForm"), html);
                break;
            case "Observation":
                Heading(html, h, Concept(Obj(r, "code")));
                ReportPage.Facts(html, [(L("date"), Date(Str(r, "effectiveDateTime"), c)), (L("performer"), References(r, "performer")), (L("status"), Str(r, "status"))]);
                ObservationTable([r], html);
                if (Obj(r, "valueAttachment") is { } va)
                {
                    Attachments([va], html);
                }

                break;
            case "DocumentReference":
                Heading(html, h, Concept(Obj(r, "type")) ?? Str(r, "description"));
                ReportPage.Facts(html,
                [
                    (L("type"), Concepts(r, "category")),
                    (L("date"), Date(Str(r, "date"), c)),
                    (L("author"), References(r, "author")),
                    (L("description"), Str(r, "description")),
                    (L("status"), Str(r, "status")),
                ]);
                Attachments(Array(r, "content").Select(x => Obj(x, "attachment")).OfType<JsonElement>(), html);
                break;
            default:
                html.Append("<p class=\"hap-note\">").Append(HtmlText.Encode((Str(r, "resourceType") ?? "?") + " — " + L("unsupported-attachment"))).Append("</p>");
                break;
        }
    }

    private void ObservationTable(IEnumerable<JsonElement> observations, StringBuilder html)
    {
        html.Append("<div class=\"hap-table-scroll\"><table class=\"hap-lab-results\"><thead><tr>");
        foreach (var key in new[] { "test", "value", "range", "flag" })
        {
            html.Append("<th>").Append(HtmlText.Encode(L(key))).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var o in observations)
        {
            var flags = Array(o, "interpretation").SelectMany(i => Array(i, "coding").Select(x => Str(x, "code"))).OfType<string>().ToList();
            var abnormal = flags.Any(Hl7v2.AbnormalFlags.IsAbnormal);
            html.Append(abnormal ? "<tr class=\"hap-abnormal\">" : "<tr>")
                .Append("<td>").Append(HtmlText.Encode(Concept(Obj(o, "code")) ?? string.Empty)).Append("</td>")
                .Append("<td class=\"hap-value\">").Append(HtmlText.EncodeKeepingLines(Value(o))).Append("</td>")
                .Append("<td>").Append(HtmlText.Encode(Range(o))).Append("</td>")
                .Append("<td>").Append(abnormal ? "<strong class=\"hap-flag\">" : string.Empty).Append(HtmlText.Encode(Concepts(o, "interpretation") ?? string.Empty))
                .Append(abnormal ? "</strong>" : string.Empty).Append("</td></tr>");
        }

        html.Append("</tbody></table></div>");
    }

    private static string Value(JsonElement o) =>
        Quantity(Obj(o, "valueQuantity"))
        ?? Str(o, "valueString")
        ?? Concept(Obj(o, "valueCodeableConcept"))
        ?? (o.TryGetProperty("valueBoolean", out var b) ? b.GetRawText() : null)
        ?? (o.TryGetProperty("valueInteger", out var i) ? i.GetRawText() : null)
        ?? Components(o)
        ?? Concept(Obj(o, "dataAbsentReason"))
        ?? string.Empty;

    // Panels such as blood pressure carry their values in components (systolic, diastolic).
    private static string? Components(JsonElement o)
    {
        var parts = Array(o, "component").Select(c => (Concept(Obj(c, "code")) ?? "?") + " : " + Value(c)).ToList();
        return parts.Count > 0 ? string.Join("\n", parts) : null;
    }

    private static string Range(JsonElement o)
    {
        var ranges = Array(o, "referenceRange").Select(rr =>
            Str(rr, "text") ?? string.Join(" – ", new[] { Quantity(Obj(rr, "low")), Quantity(Obj(rr, "high")) }.Where(x => x is not null)));
        return string.Join("; ", ranges.Where(x => x.Length > 0));
    }

    private void Attachments(IEnumerable<JsonElement> attachments, StringBuilder html)
    {
        foreach (var a in attachments)
        {
            attachmentIndex++;
            var type = Str(a, "contentType") ?? string.Empty;
            html.Append("<section class=\"hap-attachment\"><h4>").Append(HtmlText.Encode(Str(a, "title") ?? L("attachments")))
                .Append(Str(a, "creation") is { } created ? " — " + HtmlText.Encode(Date(created, c)!) : string.Empty).Append("</h4>");
            var data = FhirAttachments.Data(a);
            if (data is not null && FhirAttachments.IsPdf(a))
            {
                ReportPage.PdfFrame(html, request, ("att", attachmentIndex.ToString(CultureInfo.InvariantCulture)));
            }
            else if (data is not null && (type.Contains("html", StringComparison.OrdinalIgnoreCase)) && TextDecoding.TryDecode(data, out var markup))
            {
                html.Append("<div class=\"hap-html-report\">").Append(ReportSanitizer.Sanitize(markup)).Append("</div>");
            }
            else if (data is not null && type.StartsWith("text/", StringComparison.OrdinalIgnoreCase) && TextDecoding.TryDecode(data, out var plain))
            {
                html.Append("<pre class=\"hap-text-report\">").Append(HtmlText.EncodeKeepingLines(plain)).Append("</pre>");
            }
            else if (Str(a, "url") is { } url)
            {
                html.Append("<p class=\"hap-note\">").Append(HtmlText.Encode(L("external"))).Append(" (").Append(HtmlText.Encode(type)).Append(") : <code>")
                    .Append(HtmlText.Encode(url)).Append("</code></p>");
            }
            else
            {
                html.Append("<p class=\"hap-note\">").Append(HtmlText.Encode(L("unsupported-attachment"))).Append(" (").Append(HtmlText.Encode(type)).Append(")</p>");
            }

            html.Append("</section>");
        }
    }

    private static void Heading(StringBuilder html, int h, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            html.Append("<h").Append(h).Append('>').Append(HtmlText.Encode(text)).Append("</h").Append(h).Append('>');
        }
    }

    private string L(string key) => Labels.Get(c, key);
}
