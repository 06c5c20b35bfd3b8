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

        if (RateMismatch(ecg) is { } warning)
        {
            html.Append("<p class=\"hap-warning\">").Append(E(string.Format(c, L("rate-mismatch"), warning.Beats, ecg.DurationSeconds, warning.Stated, warning.Expected))).Append("</p>");
        }

        html.Append("<figure class=\"hap-ecg-figure\" data-label-zoom-in=\"").Append(E(L("zoom-in"))).Append("\" data-label-zoom-out=\"").Append(E(L("zoom-out")))
            .Append("\"><img class=\"hap-ecg-image\" src=\"").Append(E(request.ResourceUrl("svg")))
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

    /// <summary>
    /// A stated heart rate that the drawn trace cannot have: usually a wrong sampling interval in the file, which
    /// would make every interval on the paper wrong too, so the reader is told.
    /// </summary>
    internal static (int Beats, string Stated, double Expected)? RateMismatch(EcgRecording ecg)
    {
        var stated = ecg.Measurements.FirstOrDefault(m => m.Key == "hr");
        var lead = ecg.Lead("II") ?? ecg.Leads.FirstOrDefault();
        if (stated is null || lead is null || !double.TryParse(stated.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var bpm) || bpm <= 0)
        {
            return null;
        }

        var expected = bpm * ecg.DurationSeconds / 60;
        var beats = HeartRate.RPeaks(lead.MicroVolts, ecg.SampleRateHz).Count;
        return expected >= 4 && Math.Abs(beats - expected) / expected > 0.4 ? (beats, stated.Value, expected) : null;
    }
}
