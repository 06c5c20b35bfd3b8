using System.Globalization;
using System.Text;

namespace HapModular.Viewers.DeviceReports.Spirometry;

/// <summary>The spirometry view: the trend chart (target <c>chart</c>) and one results table per test.</summary>
internal static class SpirometryHtml
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["FEV1"] = "FEV1 (VEMS)",
        ["FVC"] = "FVC (CVF)",
        ["FEV1_FVC"] = "FEV1/FVC",
        ["FEV6"] = "FEV6",
        ["PEFR"] = "PEF (DEP)",
        ["FEF2575"] = "FEF25–75",
        ["FET"] = "FET",
        ["BEV"] = "BEV",
        ["EOTV"] = "EOTV",
        ["VCmax"] = "VC max",
    };

    public static string Render(IReadOnlyList<SpiroTest> tests, RenderRequest request)
    {
        var c = request.Culture;
        string L(string key) => Labels.Get(c, key);
        string E(string s) => HtmlText.Encode(s);
        string N(double? v) => v is { } x ? x.ToString("0.00", c) : string.Empty;
        var html = new StringBuilder("<article class=\"hap-device-report hap-spirometry\"><h2>").Append(E(L("spiro"))).Append("</h2>");
        var measured = tests.Where(t => t.Values.Count > 0).OrderBy(t => t.Date).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
        if (SpirometryChart.HasTrend(tests))
        {
            html.Append("<figure class=\"hap-spiro-figure\"><img class=\"hap-spiro-chart\" src=\"").Append(E(request.ResourceUrl(SpirometryViewer.ChartTarget)))
                .Append("\" alt=\"").Append(E(L("trend"))).Append("\"><figcaption>").Append(E(L("trend"))).Append("</figcaption></figure>");
        }

        html.Append("<p class=\"hap-note\">").Append(E(L("no-curve"))).Append("</p>");
        foreach (var t in measured)
        {
            html.Append("<section class=\"hap-spiro-test\"><h3>").Append(E(Title(t, c))).Append("</h3><table class=\"hap-spiro-results\"><thead><tr><th></th><th>")
                .Append(E(L("measured"))).Append("</th><th>").Append(E(L("predicted"))).Append("</th><th>").Append(E(L("lln"))).Append("</th><th>")
                .Append(E(L("percent"))).Append("</th></tr></thead><tbody>");
            foreach (var v in t.Values)
            {
                html.Append(v.BelowLln ? "<tr class=\"hap-abnormal\">" : "<tr>")
                    .Append("<th>").Append(E(Names.GetValueOrDefault(v.Name, v.Name))).Append("</th>")
                    .Append("<td>").Append(E((N(v.Value) + " " + v.Units).Trim()));
                if (v.BelowLln)
                {
                    html.Append(" <strong class=\"hap-flag\">(").Append(E(L("below-lln"))).Append(")</strong>");
                }

                html.Append("</td><td>").Append(E(N(v.Predicted))).Append("</td><td>").Append(E(N(v.Lln))).Append("</td><td>")
                    .Append(E(v.PercentPredicted is { } p ? p.ToString("0", c) + " %" : string.Empty)).Append("</td></tr>");
            }

            html.Append("</tbody></table></section>");
        }

        var empty = tests.Where(t => t.Values.Count == 0).ToList();
        if (empty.Count > 0)
        {
            html.Append("<ul class=\"hap-spiro-other\">");
            foreach (var t in empty)
            {
                html.Append("<li>").Append(E(Title(t, c))).Append(" — ").Append(E(L("no-values"))).Append("</li>");
            }

            html.Append("</ul>");
        }

        return html.Append("</article>").ToString();
    }

    public static string Title(SpiroTest t, CultureInfo c) =>
        string.Join(" · ", new[] { t.Date?.ToString("d", c), t.Type, t.Stage }.Where(s => !string.IsNullOrEmpty(s)));
}
