using System.Globalization;
using System.Text;

namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>
/// Draws ECG strips on standard paper as SVG whose user unit is one millimetre: 1 mm and 5 mm grid, 25 mm/s,
/// 10 mm/mV, a 1 mV calibration pulse at the start of every row. With the twelve standard leads the layout is
/// 3 × 4 (2.5 s per column) plus a 10 s lead II rhythm strip; otherwise one full-length row per lead. Median beats
/// are drawn one beat per lead in the same 3 × 4 order. An uncalibrated strip (no usable sensitivity in the file)
/// gets no calibration pulse and no mm/mV scale: its rows are scaled to fit and labelled as not calibrated.
/// Padding samples (NaN) leave a gap in the trace.
/// </summary>
internal static class EcgSvg
{
    public const double MmPerSecond = 25;
    public const double MmPerMillivolt = 10;
    public const double LeftMargin = 10;
    public const double RowPitch = 40;
    public const double TopMargin = 5;
    public const double MaxStripSeconds = 10;

    // Half a row: the height an uncalibrated trace is scaled into.
    private const double UncalibratedHalfHeight = 15;

    private static readonly string[][] Columns = [["I", "II", "III"], ["aVR", "aVL", "aVF"], ["V1", "V2", "V3"], ["V4", "V5", "V6"]];

    /// <summary>A rhythm strip (or any multiplex group): 3 × 4 + lead II with the twelve leads, else one row per lead.</summary>
    public static string Render(EcgStrip strip, CultureInfo culture)
    {
        var seconds = Math.Min(strip.DurationSeconds, MaxStripSeconds);
        var twelve = HasTwelve(strip) && seconds >= 4 * 0.5;
        var rows = twelve ? 4 : strip.Leads.Count;
        var width = LeftMargin + (Math.Max(seconds, 1) * MmPerSecond) + 5;
        var paper = new Paper(strip, width, TopMargin + (rows * RowPitch) + 8);
        if (twelve)
        {
            var column = seconds / 4;
            for (var r = 0; r < 3; r++)
            {
                paper.RowStart(r);
                for (var c = 0; c < 4; c++)
                {
                    var x0 = LeftMargin + (c * column * MmPerSecond);
                    paper.Trace(strip.Lead(Columns[c][r])!, c * column, column, x0, Baseline(r));
                    if (c > 0)
                    {
                        paper.Divider(x0, Baseline(r));
                    }
                }
            }

            paper.RowStart(3);
            paper.Trace(strip.Lead("II")!, 0, seconds, LeftMargin, Baseline(3));
        }
        else
        {
            for (var r = 0; r < strip.Leads.Count; r++)
            {
                paper.RowStart(r);
                paper.Trace(strip.Leads[r], 0, seconds, LeftMargin, Baseline(r));
            }
        }

        return paper.Finish(culture);
    }

    /// <summary>Median (representative) beats: one beat per lead, the twelve leads in 3 rows × 4 columns.</summary>
    public static string RenderBeats(EcgStrip beats, CultureInfo culture)
    {
        var seconds = Math.Min(beats.DurationSeconds, MaxStripSeconds);
        var twelve = HasTwelve(beats);
        var columns = twelve ? 4 : 1;
        var rows = twelve ? 3 : beats.Leads.Count;
        var cell = (seconds * MmPerSecond) + 4;
        var paper = new Paper(beats, LeftMargin + (columns * cell) + 5, TopMargin + (rows * RowPitch) + 8);
        for (var r = 0; r < rows; r++)
        {
            paper.RowStart(r);
            for (var c = 0; c < columns; c++)
            {
                var lead = twelve ? beats.Lead(Columns[c][r])! : beats.Leads[r];
                paper.Trace(lead, 0, seconds, LeftMargin + (c * cell), Baseline(r));
            }
        }

        return paper.Finish(culture);
    }

    public static double Baseline(int row) => TopMargin + (row * RowPitch) + (RowPitch / 2);

    private static bool HasTwelve(EcgStrip strip) => EcgRecording.StandardLeads.All(n => strip.Lead(n) is not null);

    private static string F(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>One sheet: grid, rows with calibration pulses, traces, the scale line at the bottom.</summary>
    private sealed class Paper
    {
        private readonly StringBuilder svg = new();
        private readonly EcgStrip strip;
        private readonly double width;
        private readonly double height;
        private readonly double mmPerUnit;

        public Paper(EcgStrip strip, double width, double height)
        {
            this.strip = strip;
            this.width = width;
            this.height = height;
            mmPerUnit = strip.Calibrated ? MmPerMillivolt / 1000 : UncalibratedScale(strip);
            svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{F(width)}mm\" height=\"{F(height)}mm\" viewBox=\"0 0 {F(width)} {F(height)}\" data-calibrated=\"{(strip.Calibrated ? "true" : "false")}\">");
            svg.Append("<defs>")
                .Append("<pattern id=\"ecg-minor\" width=\"1\" height=\"1\" patternUnits=\"userSpaceOnUse\"><path d=\"M1 0H0V1\" fill=\"none\" stroke=\"#f6c9c9\" stroke-width=\"0.06\"/></pattern>")
                .Append("<pattern id=\"ecg-major\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\"><rect width=\"5\" height=\"5\" fill=\"url(#ecg-minor)\"/><path d=\"M5 0H0V5\" fill=\"none\" stroke=\"#e59a9a\" stroke-width=\"0.18\"/></pattern>")
                .Append("</defs>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{F(width)}\" height=\"{F(height)}\" fill=\"#fffafa\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"ecg-grid\" width=\"{F(width)}\" height=\"{F(height)}\" fill=\"url(#ecg-major)\"/>");
        }

        // 1 mV for 0.2 s: 10 mm high, 5 mm wide, drawn left of the trace; none when nothing says what 1 mV is.
        public void RowStart(int row)
        {
            if (strip.Calibrated)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<path class=\"ecg-calibration\" d=\"M2 {F(Baseline(row))}h1.5v{F(-MmPerMillivolt)}h5v{F(MmPerMillivolt)}h1.5\" fill=\"none\" stroke=\"#000\" stroke-width=\"0.3\"/>");
            }
        }

        public void Divider(double x0, double baseline) =>
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"ecg-divider\" d=\"M{F(x0)} {F(baseline - 3)}v6\" stroke=\"#000\" stroke-width=\"0.3\"/>");

        public void Trace(EcgLead lead, double startSeconds, double seconds, double x0, double baseline)
        {
            var fs = strip.SampleRateHz;
            var first = (int)Math.Round(startSeconds * fs);
            var count = Math.Min((int)Math.Round(seconds * fs), lead.MicroVolts.Length - first);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x0 + 1)}\" y=\"{F(baseline - 12)}\" font-family=\"sans-serif\" font-size=\"3.5\">{lead.Name}</text>");
            var center = strip.Calibrated ? 0 : Mean(lead);
            var open = false;
            for (var k = 0; k < count; k++)
            {
                var v = lead.MicroVolts[first + k];
                if (double.IsNaN(v))
                {
                    // Padding: no signal there, so the line stops and starts again after it.
                    Close(ref open);
                    continue;
                }

                if (!open)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"ecg-trace\" data-lead=\"{lead.Name}\" data-start=\"{F(startSeconds + (k / fs))}\" points=\"");
                    open = true;
                }
                else
                {
                    svg.Append(' ');
                }

                svg.Append(F(x0 + (k / fs * MmPerSecond))).Append(',').Append(F(baseline - ((v - center) * mmPerUnit)));
            }

            Close(ref open);
        }

        public string Finish(CultureInfo culture)
        {
            var scale = strip.Calibrated ? "10 mm/mV" : Labels.Get(culture, "uncalibrated");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"ecg-scale\" x=\"{F(LeftMargin)}\" y=\"{F(height - 2.5)}\" font-family=\"sans-serif\" font-size=\"3\">25 mm/s   {scale}   {F(strip.SampleRateHz)} Hz</text>");
            return svg.Append("</svg>").ToString();
        }

        // Same scale for every lead (their sizes stay comparable): the largest deviation from a lead's mean fills
        // half a row. Raw values may sit on any offset (unsigned samples), so each lead is centred on its mean.
        private static double UncalibratedScale(EcgStrip strip)
        {
            var peak = strip.Leads.Select(l => (Lead: l, Mean: Mean(l)))
                .SelectMany(x => x.Lead.MicroVolts.Where(double.IsFinite).Select(v => Math.Abs(v - x.Mean))).DefaultIfEmpty(0).Max();
            return peak > 0 ? UncalibratedHalfHeight / peak : 1;
        }

        private static double Mean(EcgLead lead) => lead.MicroVolts.Where(double.IsFinite).DefaultIfEmpty(0).Average();

        private void Close(ref bool open)
        {
            if (open)
            {
                svg.Append("\" fill=\"none\" stroke=\"#000\" stroke-width=\"0.25\" stroke-linejoin=\"round\"/>");
                open = false;
            }
        }
    }
}
