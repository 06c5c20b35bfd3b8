using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace HapModular.Viewers.DeviceReports.Tests;

/// <summary>Reads the drawn SVG back: traces by lead, calibration pulses, the paper grid.</summary>
internal sealed class EcgGeometry
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public EcgGeometry(string svg)
    {
        Root = XElement.Parse(svg);
        Traces = Root.Descendants(Svg + "polyline").Where(p => (string?)p.Attribute("class") == "ecg-trace")
            .Select(p => new Trace((string)p.Attribute("data-lead")!, double.Parse((string)p.Attribute("data-start")!, CultureInfo.InvariantCulture), Points((string)p.Attribute("points")!)))
            .ToList();
        Calibrations = Root.Descendants(Svg + "path").Where(p => (string?)p.Attribute("class") == "ecg-calibration").Select(p => (string)p.Attribute("d")!).ToList();
    }

    public XElement Root { get; }

    public List<Trace> Traces { get; }

    public List<string> Calibrations { get; }

    public double PatternSize(string id) =>
        double.Parse((string)Root.Descendants(Svg + "pattern").Single(p => (string?)p.Attribute("id") == id).Attribute("width")!, CultureInfo.InvariantCulture);

    /// <summary>Height of a calibration pulse: the vertical moves of its path ("v-10 … v10").</summary>
    public static double PulseHeight(string d) =>
        Regex.Matches(d, @"v(-?[\d.]+)").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Max(Math.Abs);

    public static double PulseWidth(string d) =>
        Regex.Matches(d, @"h(-?[\d.]+)").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Max();

    private static List<(double X, double Y)> Points(string points) =>
        points.Split(' ').Select(p => p.Split(',')).Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture))).ToList();

    internal sealed record Trace(string Lead, double StartSeconds, List<(double X, double Y)> Points)
    {
        public double Width => Points[^1].X - Points[0].X;

        public double Height => Points.Max(p => p.Y) - Points.Min(p => p.Y);
    }
}
