using System.Globalization;
using System.Xml.Linq;

namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>
/// HL7 v3 annotated ECG (FDA aECG, PORT_MT020001): the rhythm series' SLIST_PQ sequences scaled to µV
/// (value = origin + scale × digit, each with its own unit), the time step from the GLIST time sequence,
/// and the global annotations (heart rate, PR, QRS, QT, QTc, interpretation statements).
/// </summary>
internal static class AecgReader
{
    private static readonly XNamespace V3 = "urn:hl7-org:v3";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    private static readonly Dictionary<string, string> MeasurementCodes = new(StringComparer.Ordinal)
    {
        ["MDC_ECG_HEART_RATE"] = "hr",
        ["MDC_ECG_TIME_PD_PR"] = "pr",
        ["MDC_ECG_TIME_PD_QRS"] = "qrs",
        ["MDC_ECG_TIME_PD_QT"] = "qt",
        ["MDC_ECG_TIME_PD_QTc"] = "qtc",
        ["MDC_ECG_ANGLE_P_FRONT"] = "p-axis",
        ["MDC_ECG_ANGLE_QRS_FRONT"] = "qrs-axis",
        ["MDC_ECG_ANGLE_T_FRONT"] = "t-axis",
    };

    public static bool IsAecg(XElement? root) => root is not null && root.Name == V3 + "AnnotatedECG";

    public static EcgRecording? Read(XElement root, out LocalText reason)
    {
        reason = new LocalText("aecg-no-rhythm");
        var series = root.Descendants(V3 + "series").ToList();
        var rhythm = series.FirstOrDefault(s => Code(s) == "RHYTHM") ?? series.FirstOrDefault();
        if (rhythm is null || Strip(rhythm) is not { } strip)
        {
            return null;
        }

        // The representative (median) beats are a derived series of the rhythm series.
        var beats = rhythm.Descendants(V3 + "derivedSeries").FirstOrDefault(s => Code(s) == "REPRESENTATIVE_BEAT");
        var acquired = Time(root.Element(V3 + "effectiveTime")?.Element(V3 + "center"))
            ?? Time(rhythm.Element(V3 + "effectiveTime")?.Element(V3 + "low"))
            ?? Time(root.Element(V3 + "effectiveTime")?.Element(V3 + "low"));
        return new EcgRecording("HL7 aECG", strip.SampleRateHz, strip.Leads, acquired, Device(rhythm), Measurements(root), Statements(root))
        {
            Median = beats is null ? null : Strip(beats),
        };
    }

    // A series' first sequence set: the time step from its GLIST time sequence, one lead per SLIST_PQ sequence.
    private static EcgStrip? Strip(XElement series)
    {
        var set = series.Elements(V3 + "component").Select(c => c.Element(V3 + "sequenceSet")).FirstOrDefault(s => s is not null);
        if (set is null)
        {
            return null;
        }

        double? step = null;
        var leads = new List<EcgLead>();
        foreach (var seq in set.Elements(V3 + "component").Select(c => c.Element(V3 + "sequence")).OfType<XElement>())
        {
            var code = Code(seq) ?? string.Empty;
            var value = seq.Element(V3 + "value");
            if (value is null)
            {
                continue;
            }

            if (code.StartsWith("TIME_", StringComparison.Ordinal))
            {
                step = Seconds(value.Element(V3 + "increment"));
            }
            else if (code.StartsWith("MDC_ECG_LEAD_", StringComparison.Ordinal) && Samples(value) is { } uv)
            {
                leads.Add(new EcgLead(LeadName(code), uv));
            }
        }

        return step is > 0 && leads.Count > 0 ? new EcgStrip(1 / step.Value, leads, Calibrated: true) : null;
    }

    private static string LeadName(string code)
    {
        var name = code["MDC_ECG_LEAD_".Length..];
        return name switch
        {
            "AVR" => "aVR",
            "AVL" => "aVL",
            "AVF" => "aVF",
            _ => name,
        };
    }

    private static double[]? Samples(XElement value)
    {
        var type = (string?)value.Attribute(Xsi + "type");
        var digits = value.Element(V3 + "digits")?.Value;
        if (type != "SLIST_PQ" || digits is null)
        {
            return null;
        }

        var origin = MicroVolts(value.Element(V3 + "origin")) ?? 0;
        var scale = MicroVolts(value.Element(V3 + "scale"));
        if (scale is null)
        {
            return null;
        }

        var parts = digits.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var uv = new double[parts.Length];
        for (var k = 0; k < parts.Length; k++)
        {
            if (!double.TryParse(parts[k], NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                return null;
            }

            uv[k] = origin + (scale.Value * d);
        }

        return uv;
    }

    private static double? MicroVolts(XElement? pq)
    {
        if (pq is null || !double.TryParse((string?)pq.Attribute("value"), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            return null;
        }

        return ((string?)pq.Attribute("unit") ?? "uV") switch
        {
            "uV" or "µV" => v,
            "mV" => v * 1000,
            "V" => v * 1_000_000,
            "nV" => v / 1000,
            _ => null,
        };
    }

    private static double? Seconds(XElement? pq)
    {
        if (pq is null || !double.TryParse((string?)pq.Attribute("value"), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            return null;
        }

        return ((string?)pq.Attribute("unit") ?? "s") switch
        {
            "s" => v,
            "ms" => v / 1000,
            "us" or "µs" => v / 1_000_000,
            _ => null,
        };
    }

    private static string? Device(XElement series)
    {
        var author = series.Element(V3 + "author")?.Element(V3 + "seriesAuthor");
        var model = author?.Element(V3 + "manufacturedSeriesDevice")?.Element(V3 + "manufacturerModelName")?.Value.Trim();
        var maker = author?.Element(V3 + "manufacturerOrganization")?.Element(V3 + "name")?.Value.Trim();
        var text = string.Join(" — ", new[] { model, maker }.Where(s => !string.IsNullOrEmpty(s)));
        return text.Length > 0 ? text : null;
    }

    // The first annotation of each kind in document order is the global one; per-beat and per-lead copies follow.
    private static List<EcgMeasurement> Measurements(XElement root)
    {
        var found = new List<EcgMeasurement>();
        foreach (var annotation in root.Descendants(V3 + "annotation"))
        {
            if (!MeasurementCodes.TryGetValue(Code(annotation) ?? string.Empty, out var key) || found.Any(m => m.Key == key))
            {
                continue;
            }

            var value = annotation.Element(V3 + "value");
            var number = (string?)value?.Attribute("value");
            // A zero QTc with a vendor-specific corrected QT nested below (Mindray QTcH): use the nested one.
            if (number is null or "0")
            {
                value = annotation.Descendants(V3 + "annotation").Select(a => a.Element(V3 + "value")).FirstOrDefault(v => (string?)v?.Attribute("value") is { } s && s != "0");
                number = (string?)value?.Attribute("value");
            }

            if (key.EndsWith("-axis", StringComparison.Ordinal))
            {
                // An axis of 0° is a measurement, not "not measured"; the value is taken as written.
                number = (string?)annotation.Element(V3 + "value")?.Attribute("value");
                if (number is not null && (string?)annotation.Element(V3 + "value")?.Attribute("unit") is null or "deg")
                {
                    found.Add(new EcgMeasurement(key, number, "°"));
                }
            }
            else if (number is not null && number != "0")
            {
                found.Add(new EcgMeasurement(key, number, (string?)value!.Attribute("unit") ?? string.Empty));
            }
        }

        return found;
    }

    private static List<string> Statements(XElement root) =>
        root.Descendants(V3 + "annotation")
            .Where(a => Code(a) is "MDC_ECG_INTERPRETATION_STATEMENT" or "MDC_ECG_INTERPRETATION_SUMMARY" or "MDC_ECG_INTERPRETATION_COMMENT")
            .Select(a => a.Element(V3 + "value")?.Value.Trim())
            .OfType<string>()
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static string? Code(XElement e) => (string?)e.Element(V3 + "code")?.Attribute("code");

    private static DateTimeOffset? Time(XElement? ts)
    {
        var s = (string?)ts?.Attribute("value");
        if (s is null || s.Length < 8)
        {
            return null;
        }

        var digits = new string(s.TakeWhile(char.IsAsciiDigit).ToArray());
        var format = digits.Length >= 14 ? "yyyyMMddHHmmss" : digits.Length >= 12 ? "yyyyMMddHHmm" : "yyyyMMdd";
        return DateTime.TryParseExact(digits[..format.Length], format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? new DateTimeOffset(d, TimeSpan.Zero)
            : null;
    }
}
