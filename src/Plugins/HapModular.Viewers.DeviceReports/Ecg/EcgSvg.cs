using System.Globalization;
using System.Text;

namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>
/// Draws an ECG on standard paper as SVG whose user unit is one millimetre: 1 mm and 5 mm grid, 25 mm/s,
/// 10 mm/mV, a 1 mV calibration pulse at the start of every row. With the twelve standard leads the layout is
/// 3 × 4 (2.5 s per column) plus a 10 s lead II rhythm strip; otherwise one full-length row per lead.
/// </summary>
internal static class EcgSvg
{
    public const double MmPerSecond = 25;
    public const double MmPerMillivolt = 10;
    public const double LeftMargin = 10;
    public const double RowPitch = 40;
    public const double TopMargin = 5;
    public const double MaxStripSeconds = 10;

    private static readonly string[][] Columns = [["I", "II", "III"], ["aVR", "aVL", "aVF"], ["V1", "V2", "V3"], ["V4", "V5", "V6"]];

    public static string Render(EcgRecording ecg)
    {
        var seconds = Math.Min(ecg.DurationSeconds, MaxStripSeconds);
        var twelve = ecg.HasStandardTwelve && seconds >= 4 * 0.5;
        var rows = twelve ? 4 : ecg.Leads.Count;
        var width = LeftMargin + (Math.Max(seconds, 1) * MmPerSecond) + 5;
        var height = TopMargin + (rows * RowPitch) + 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{F(width)}mm\" height=\"{F(height)}mm\" viewBox=\"0 0 {F(width)} {F(height)}\">");
        Paper(svg, width, height);
        if (twelve)
        {
            var column = seconds / 4;
            for (var r = 0; r < 3; r++)
            {
                var baseline = Baseline(r);
                Calibration(svg, baseline);
                for (var c = 0; c < 4; c++)
                {
                    var lead = ecg.Lead(Columns[c][r])!;
                    var x0 = LeftMargin + (c * column * MmPerSecond);
                    Trace(svg, lead, ecg.SampleRateHz, c * column, column, x0, baseline);
                    if (c > 0)
                    {
                        svg.Append(CultureInfo.InvariantCulture, $"<path class=\"ecg-divider\" d=\"M{F(x0)} {F(baseline - 3)}v6\" stroke=\"#000\" stroke-width=\"0.3\"/>");
                    }
                }
            }

            var rhythm = Baseline(3);
            Calibration(svg, rhythm);
            Trace(svg, ecg.Lead("II")!, ecg.SampleRateHz, 0, seconds, LeftMargin, rhythm);
        }
        else
        {
            for (var r = 0; r < ecg.Leads.Count; r++)
            {
                Calibration(svg, Baseline(r));
                Trace(svg, ecg.Leads[r], ecg.SampleRateHz, 0, seconds, LeftMargin, Baseline(r));
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(LeftMargin)}\" y=\"{F(height - 2.5)}\" font-family=\"sans-serif\" font-size=\"3\">25 mm/s   10 mm/mV   {F(ecg.SampleRateHz)} Hz</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    public static double Baseline(int row) => TopMargin + (row * RowPitch) + (RowPitch / 2);

    private static void Paper(StringBuilder svg, double width, double height)
    {
        svg.Append("<defs>")
            .Append("<pattern id=\"ecg-minor\" width=\"1\" height=\"1\" patternUnits=\"userSpaceOnUse\"><path d=\"M1 0H0V1\" fill=\"none\" stroke=\"#f6c9c9\" stroke-width=\"0.06\"/></pattern>")
            .Append("<pattern id=\"ecg-major\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\"><rect width=\"5\" height=\"5\" fill=\"url(#ecg-minor)\"/><path d=\"M5 0H0V5\" fill=\"none\" stroke=\"#e59a9a\" stroke-width=\"0.18\"/></pattern>")
            .Append("</defs>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{F(width)}\" height=\"{F(height)}\" fill=\"#fffafa\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"ecg-grid\" width=\"{F(width)}\" height=\"{F(height)}\" fill=\"url(#ecg-major)\"/>");
    }

    // 1 mV for 0.2 s: 10 mm high, 5 mm wide, drawn left of the trace.
    private static void Calibration(StringBuilder svg, double baseline) =>
        svg.Append(CultureInfo.InvariantCulture, $"<path class=\"ecg-calibration\" d=\"M2 {F(baseline)}h1.5v{F(-MmPerMillivolt)}h5v{F(MmPerMillivolt)}h1.5\" fill=\"none\" stroke=\"#000\" stroke-width=\"0.3\"/>");

    private static void Trace(StringBuilder svg, EcgLead lead, double fs, double startSeconds, double seconds, double x0, double baseline)
    {
        var first = (int)Math.Round(startSeconds * fs);
        var count = Math.Min((int)Math.Round(seconds * fs), lead.MicroVolts.Length - first);
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x0 + 1)}\" y=\"{F(baseline - 12)}\" font-family=\"sans-serif\" font-size=\"3.5\">{lead.Name}</text>");
        if (count < 1)
        {
            return;
        }

        svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"ecg-trace\" data-lead=\"{lead.Name}\" data-start=\"{F(startSeconds)}\" points=\"");
        for (var k = 0; k < count; k++)
        {
            var x = x0 + (k / fs * MmPerSecond);
            var y = baseline - (lead.MicroVolts[first + k] / 1000 * MmPerMillivolt);
            svg.Append(F(x)).Append(',').Append(F(y)).Append(' ');
        }

        svg.Length--;
        svg.Append("\" fill=\"none\" stroke=\"#000\" stroke-width=\"0.25\" stroke-linejoin=\"round\"/>");
    }

    private static string F(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
