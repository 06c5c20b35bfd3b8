using System.Globalization;
using HapModular.Dicom;

namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>
/// The Waveform Annotation Sequence of a DICOM ECG (PS3.3 C.10.10): numeric measurements by concept name (RR
/// interval becomes the heart rate; intervals in ms; the frontal P, QRS and T axes in degrees) and the device's
/// unformatted statements. Concepts are matched by code (SCP-ECG, LOINC, DICOM) and, failing that, by meaning.
/// </summary>
internal static class DicomEcgAnnotations
{
    private static readonly DicomTag Annotations = new(0x0040, 0xB020);
    private static readonly DicomTag ConceptName = new(0x0040, 0xA043);
    private static readonly DicomTag NumericValue = new(0x0040, 0xA30A);
    private static readonly DicomTag Units = new(0x0040, 0x08EA);
    private static readonly DicomTag UnformattedText = new(0x0070, 0x0006);
    private static readonly DicomTag CodeValue = new(0x0008, 0x0100);
    private static readonly DicomTag CodeMeaning = new(0x0008, 0x0104);

    // Code values: SCP-ECG (EN 1064 annex B, as Mortara writes them) and LOINC (EKG panel).
    private static readonly Dictionary<string, string> ByCode = new(StringComparer.Ordinal)
    {
        ["5.10.2.1-3"] = "rr",
        ["5.13.5-7"] = "pr", ["8625-6"] = "pr",
        ["5.13.5-9"] = "qrs", ["8633-0"] = "qrs",
        ["5.13.5-11"] = "qt", ["8634-8"] = "qt",
        ["5.10.2.5-5"] = "qtc", ["8636-3"] = "qtc",
        ["8867-4"] = "hr",
        ["5.10.3-11"] = "p-axis", ["8626-4"] = "p-axis",
        ["5.10.3-13"] = "qrs-axis", ["8632-2"] = "qrs-axis",
        ["5.10.3-15"] = "t-axis", ["8638-9"] = "t-axis",
    };

    private static readonly Dictionary<string, string> ByMeaning = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RR Interval"] = "rr", ["PR Interval"] = "pr", ["QRS Duration"] = "qrs", ["QT Interval"] = "qt", ["QTc Interval"] = "qtc",
        ["Ventricular Heart Rate"] = "hr", ["Heart Rate"] = "hr", ["Heart rate"] = "hr",
        ["P Axis"] = "p-axis", ["QRS Axis"] = "qrs-axis", ["T Axis"] = "t-axis",
        ["P wave axis"] = "p-axis", ["R wave axis"] = "qrs-axis", ["T wave axis"] = "t-axis",
    };

    public static (List<EcgMeasurement> Measurements, List<string> Statements) Read(DicomDataset ds)
    {
        var measurements = new List<EcgMeasurement>();
        var statements = new List<string>();
        foreach (var a in ds.GetSequence(Annotations))
        {
            if (a.GetString(UnformattedText) is { Length: > 0 } text)
            {
                statements.Add(text);
                continue;
            }

            var concept = a.GetSequence(ConceptName).FirstOrDefault();
            var key = concept is null ? null
                : ByCode.GetValueOrDefault(concept.GetString(CodeValue) ?? string.Empty) ?? ByMeaning.GetValueOrDefault(concept.GetString(CodeMeaning) ?? string.Empty);
            if (key is null || !a.TryGetDouble(NumericValue, out var value))
            {
                continue;
            }

            var unit = a.GetSequence(Units).FirstOrDefault()?.GetString(CodeValue);
            if (ToMeasurement(key, value, unit) is { } m && !measurements.Any(x => x.Key == m.Key))
            {
                measurements.Add(m);
            }
        }

        return (measurements, statements.Distinct(StringComparer.Ordinal).ToList());
    }

    // Intervals are positive durations (a 0 means "not measured", as Mortara writes PP = 0); axes are any angle.
    private static EcgMeasurement? ToMeasurement(string key, double value, string? unit)
    {
        string N(double v) => Math.Round(v).ToString(CultureInfo.InvariantCulture);
        if (key.EndsWith("-axis", StringComparison.Ordinal))
        {
            return unit is null or "deg" or "°" ? new EcgMeasurement(key, N(value), "°") : null;
        }

        if (key == "hr")
        {
            return value > 0 && unit is null or "/min" or "{H.B.}/min" or "{beats}/min" or "bpm" ? new EcgMeasurement("hr", N(value), "bpm") : null;
        }

        var ms = unit switch
        {
            null or "ms" => value,
            "s" => value * 1000,
            _ => double.NaN,
        };
        if (!(ms > 0))
        {
            return null;
        }

        return key == "rr" ? new EcgMeasurement("hr", N(60000 / ms), "bpm") : new EcgMeasurement(key, N(ms), "ms");
    }
}
