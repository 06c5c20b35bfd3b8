using System.Globalization;
using System.Text;

namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>The ECG view: facts, the SVG paper (target <c>svg</c>), measurements and the device's statements.</summary>
internal static class EcgHtml
{
    private static readonly string[] MeasurementOrder = ["hr", "pr", "qrs", "qt", "qtc"];

    public static string Render(EcgRecording ecg, RenderRequest request)
    {
        var c = request.Culture;
        string L(string key) => Labels.Get(c, key);
        string E(string text) => HtmlText.Encode(text);
        var html = new StringBuilder("<article class=\"hap-device-report hap-ecg\">");
        html.Append("<h2>").Append(E(L("ecg"))).Append("</h2><dl class=\"hap-report-facts\">");
        void Fact(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                html.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>");
            }
        }

        Fact(L("acquired"), ecg.Acquired?.ToString("g", c));
        Fact(L("device"), ecg.Device);
        Fact(L("sampling"), string.Create(c, $"{ecg.SampleRateHz:0.#} Hz · {ecg.DurationSeconds:0.0#} s · {ecg.Format}"));
        Fact(L("leads"), string.Join(", ", ecg.Leads.Select(l => l.Name)));
        html.Append("</dl>");

        html.Append("<figure class=\"hap-ecg-figure\"><img class=\"hap-ecg-image\" src=\"").Append(E(request.ResourceUrl("svg")))
            .Append("\" alt=\"").Append(E(L("ecg-alt"))).Append("\"><figcaption>").Append(E(L("speed"))).Append("</figcaption></figure>");

        var measured = MeasurementOrder.Select(k => ecg.Measurements.FirstOrDefault(m => m.Key == k)).OfType<EcgMeasurement>().ToList();
        var estimated = measured.Any(m => m.Key == "hr") ? null : HeartRate.Estimate(ecg);
        if (measured.Count > 0 || estimated is not null)
        {
            html.Append("<h3>").Append(E(L("measurements"))).Append("</h3><table class=\"hap-ecg-measurements\"><tbody>");
            if (estimated is { } hr)
            {
                html.Append("<tr><th>").Append(E(L("hr-estimated"))).Append("</th><td>").Append(E(hr.ToString("0", c))).Append(" bpm</td></tr>");
            }

            foreach (var m in measured)
            {
                html.Append("<tr><th>").Append(E(L(m.Key))).Append("</th><td>").Append(E(m.Value + " " + m.Unit)).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        if (ecg.Statements.Count > 0)
        {
            html.Append("<h3>").Append(E(L("interpretation"))).Append("</h3><ul class=\"hap-ecg-statements\">");
            foreach (var s in ecg.Statements)
            {
                html.Append("<li>").Append(E(s)).Append("</li>");
            }

            html.Append("</ul>");
        }

        return html.Append("</article>").ToString();
    }
}
