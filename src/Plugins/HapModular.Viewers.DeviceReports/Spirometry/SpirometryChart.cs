using System.Globalization;
using System.Text;

namespace HapModular.Viewers.DeviceReports.Spirometry;

/// <summary>
/// FEV1 and FVC of every forced manoeuvre in date order, with the predicted FEV1 and its lower limit, as SVG in
/// millimetre units. The export holds no flow–volume points, so a trend is the only chart its data allow.
/// </summary>
internal static class SpirometryChart
{
    private const double Width = 180;
    private const double Height = 100;
    private const double Left = 14;
    private const double Bottom = 18;
    private const double Top = 6;

    public static bool HasTrend(IReadOnlyList<SpiroTest> tests) => Forced(tests).Count >= 1;

    public static string Render(IReadOnlyList<SpiroTest> tests, CultureInfo culture)
    {
        var forced = Forced(tests);
        var all = forced.SelectMany(t => t.Values.Where(v => v.Name is "FEV1" or "FVC").SelectMany(v => new[] { v.Value, v.Predicted ?? 0, v.Lln ?? 0 })).ToList();
        var max = Math.Ceiling(all.DefaultIfEmpty(1).Max() + 0.5);
        var plotW = Width - Left - 6;
        var plotH = Height - Top - Bottom;
        double X(int i) => Left + (forced.Count == 1 ? plotW / 2 : i * plotW / (forced.Count - 1));
        double Y(double litres) => Top + plotH - (litres / max * plotH);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}mm\" height=\"{Height}mm\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#fff\"/>");
        for (var l = 0; l <= max; l++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{Left} {F(Y(l))}H{F(Left + plotW)}\" stroke=\"#ddd\" stroke-width=\"0.2\"/><text x=\"{F(Left - 2)}\" y=\"{F(Y(l) + 1)}\" font-size=\"3\" text-anchor=\"end\">{l} L</text>");
        }

        Series(svg, forced, "FEV1", v => v.Value, X, Y, "#1f5fbf", null);
        Series(svg, forced, "FVC", v => v.Value, X, Y, "#2a9d4b", null);
        Series(svg, forced, "FEV1", v => v.Predicted, X, Y, "#1f5fbf", "2 1.5");
        Series(svg, forced, "FEV1", v => v.Lln, X, Y, "#b00020", "0.8 1.2");
        for (var i = 0; i < forced.Count; i++)
        {
            var label = (forced[i].Date?.ToString("d", culture) ?? string.Empty) + " " + forced[i].Stage;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(i))}\" y=\"{F(Height - Bottom + 4)}\" font-size=\"2.4\" text-anchor=\"end\" transform=\"rotate(-35 {F(X(i))} {F(Height - Bottom + 4)})\">{HtmlText.Encode(label)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"4\" font-size=\"3\"><tspan fill=\"#1f5fbf\">— FEV1</tspan>  <tspan fill=\"#2a9d4b\">— FVC</tspan>  <tspan fill=\"#1f5fbf\">- - FEV1 pred</tspan>  <tspan fill=\"#b00020\">··· FEV1 LLN</tspan></text>");
        return svg.Append("</svg>").ToString();
    }

    private static List<SpiroTest> Forced(IReadOnlyList<SpiroTest> tests) =>
        tests.Where(t => t.Type is "FVC" or "FVL" && t.Values.Any(v => v.Name == "FEV1")).OrderBy(t => t.Date).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();

    private static void Series(StringBuilder svg, List<SpiroTest> tests, string name, Func<SpiroValue, double?> pick, Func<int, double> x, Func<double, double> y, string colour, string? dash)
    {
        var points = tests.Select((t, i) => (i, v: t.Values.FirstOrDefault(v => v.Name == name) is { } sv ? pick(sv) : null)).Where(p => p.v is not null).ToList();
        if (points.Count == 0)
        {
            return;
        }

        var dashAttr = dash is null ? string.Empty : $" stroke-dasharray=\"{dash}\"";
        svg.Append("<polyline class=\"spiro-").Append(name.ToLowerInvariant()).Append("\" points=\"")
            .Append(string.Join(' ', points.Select(p => F(x(p.i)) + "," + F(y(p.v!.Value)))))
            .Append(CultureInfo.InvariantCulture, $"\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"0.5\"{dashAttr}/>");
        if (dash is null)
        {
            foreach (var p in points)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(x(p.i))}\" cy=\"{F(y(p.v!.Value))}\" r=\"0.9\" fill=\"{colour}\"/>");
            }
        }
    }

    private static string F(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
