using System.Globalization;
using System.Text;

namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>
/// The ECG view: facts, what the reader must know (calibration, padding…), the SVG paper (target <c>svg</c>) with
/// the median beats beside it, measurements (intervals and axes), the device's statements, and for DICOM waveforms
/// every multiplex group with what was drawn of it or why not.
/// </summary>
internal static class EcgHtml
{
    private static readonly string[] MeasurementOrder = ["hr", "pr", "qrs", "qt", "qtc", "p-axis", "qrs-axis", "t-axis"];

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
        if (ecg.Leads.Count > 0)
        {
            Fact(L("sampling"), string.Create(c, $"{ecg.SampleRateHz:0.#} Hz · {ecg.DurationSeconds:0.0#} s · {ecg.Format}"));
            Fact(L("leads"), string.Join(", ", ecg.Leads.Select(l => l.Name)));
            Fact(L("filters"), Filters(ecg.Filters, c));
        }

        html.Append("</dl>");
        if (!ecg.Calibrated && ecg.Leads.Count > 0)
        {
            html.Append("<p class=\"hap-warning hap-ecg-uncalibrated\">").Append(E(L("uncalibrated-warning"))).Append("</p>");
        }

        foreach (var notice in ecg.Notices)
        {
            html.Append("<p class=\"hap-warning hap-ecg-notice\">").Append(E(notice.In(c))).Append("</p>");
        }

        if (RateMismatch(ecg) is { } warning)
        {
            html.Append("<p class=\"hap-warning\">").Append(E(string.Format(c, L("rate-mismatch"), warning.Beats, ecg.DurationSeconds, warning.Stated, warning.Expected))).Append("</p>");
        }

        if (ecg.Leads.Count > 0 || ecg.Median is not null)
        {
            html.Append("<div class=\"hap-ecg-sheets\">");
            if (ecg.Leads.Count > 0)
            {
                Figure(html, request, request.ResourceUrl(EcgViewer.SvgTarget), L("ecg-alt"), Speed(ecg.Calibrated, c), "hap-ecg-figure");
            }

            if (ecg.Median is { } median)
            {
                Figure(html, request, request.ResourceUrl(EcgViewer.SvgTarget, ("part", EcgViewer.MedianPart)), L("median-alt"), L("median") + " · " + Speed(median.Calibrated, c), "hap-ecg-figure hap-ecg-median");
            }

            html.Append("</div>");
        }

        foreach (var extra in ecg.Groups.Where(g => g.Role == "extra"))
        {
            var caption = string.Format(c, L("group-alt"), extra.Number) + (extra.Label.Length > 0 ? " (" + extra.Label + ")" : string.Empty);
            Figure(html, request, request.ResourceUrl(EcgViewer.SvgTarget, ("group", extra.Number.ToString(CultureInfo.InvariantCulture))), caption, caption + " · " + Speed(extra.Strip!.Calibrated, c), "hap-ecg-figure hap-ecg-group");
        }

        Measurements(html, ecg, c);
        if (ecg.Statements.Count > 0)
        {
            html.Append("<h3>").Append(E(L("interpretation"))).Append("</h3><ul class=\"hap-ecg-statements\">");
            foreach (var s in ecg.Statements)
            {
                html.Append("<li>").Append(E(s)).Append("</li>");
            }

            html.Append("</ul>");
        }

        Groups(html, ecg, c);
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

    // "0,05–300 Hz · coupe-bande 50 Hz"; a notch of 0 means none.
    private static string? Filters(EcgFilters? f, CultureInfo c)
    {
        if (f is null)
        {
            return null;
        }

        var band = string.Create(c, $"{f.LowHz?.ToString("0.###", c) ?? "?"}–{f.HighHz?.ToString("0.###", c) ?? "?"} Hz");
        return f.NotchHz is > 0 ? band + " · " + string.Format(c, Labels.Get(c, "notch"), f.NotchHz) : band;
    }

    private static string Speed(bool calibrated, CultureInfo c) => Labels.Get(c, calibrated ? "speed" : "speed-uncalibrated");

    private static void Figure(StringBuilder html, RenderRequest request, string url, string alt, string caption, string cssClass)
    {
        var c = request.Culture;
        html.Append("<figure class=\"").Append(cssClass).Append("\" data-label-zoom-in=\"").Append(HtmlText.Encode(Labels.Get(c, "zoom-in")))
            .Append("\" data-label-zoom-out=\"").Append(HtmlText.Encode(Labels.Get(c, "zoom-out")))
            .Append("\"><img class=\"hap-ecg-image\" src=\"").Append(HtmlText.Encode(url))
            .Append("\" alt=\"").Append(HtmlText.Encode(alt)).Append("\"><figcaption>").Append(HtmlText.Encode(caption)).Append("</figcaption></figure>");
    }

    private static void Measurements(StringBuilder html, EcgRecording ecg, CultureInfo c)
    {
        var measured = MeasurementOrder.Select(k => ecg.Measurements.FirstOrDefault(m => m.Key == k)).OfType<EcgMeasurement>().ToList();
        var estimated = measured.Any(m => m.Key == "hr") || ecg.Leads.Count == 0 ? null : HeartRate.Estimate(ecg);
        if (measured.Count == 0 && estimated is null)
        {
            return;
        }

        html.Append("<h3>").Append(HtmlText.Encode(Labels.Get(c, "measurements"))).Append("</h3><table class=\"hap-ecg-measurements\"><tbody>");
        if (estimated is { } hr)
        {
            html.Append("<tr><th>").Append(HtmlText.Encode(Labels.Get(c, "hr-estimated"))).Append("</th><td>").Append(HtmlText.Encode(hr.ToString("0", c))).Append(" bpm</td></tr>");
        }

        foreach (var m in measured)
        {
            var value = m.Unit == "°" ? m.Value + "°" : m.Value + " " + m.Unit;
            html.Append("<tr><th>").Append(HtmlText.Encode(Labels.Get(c, m.Key))).Append("</th><td>").Append(HtmlText.Encode(value)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Groups(StringBuilder html, EcgRecording ecg, CultureInfo c)
    {
        if (ecg.Groups.Count == 0)
        {
            return;
        }

        string L(string key) => HtmlText.Encode(Labels.Get(c, key));
        html.Append("<h3>").Append(L("groups")).Append("</h3><table class=\"hap-ecg-groups\"><thead><tr><th>").Append(L("group-col-number"))
            .Append("</th><th>").Append(L("group-col-label")).Append("</th><th>").Append(L("group-col-channels")).Append("</th><th>")
            .Append(L("group-col-samples")).Append("</th><th>").Append(L("group-col-rate")).Append("</th><th>").Append(L("group-col-encoding"))
            .Append("</th><th>").Append(L("group-col-status")).Append("</th></tr></thead><tbody>");
        foreach (var g in ecg.Groups)
        {
            var label = string.Join(" · ", new[] { g.Label, g.Originality }.Where(s => s.Length > 0));
            html.Append("<tr class=\"hap-ecg-group-").Append(g.Strip is null ? "failed" : "decoded").Append("\" data-group=\"").Append(g.Number.ToString(CultureInfo.InvariantCulture))
                .Append("\"><td>").Append(g.Number.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(HtmlText.Encode(label))
                .Append("</td><td>").Append(g.Channels.ToString(c)).Append("</td><td>").Append(g.Samples.ToString(c))
                .Append("</td><td>").Append(HtmlText.Encode(string.Create(c, $"{g.SampleRateHz:0.##} Hz"))).Append("</td><td>").Append(HtmlText.Encode(g.Encoding))
                .Append("</td><td>").Append(HtmlText.Encode(g.Status.In(c))).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }
}
