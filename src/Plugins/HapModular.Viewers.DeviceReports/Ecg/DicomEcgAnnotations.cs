using System.Globalization;
using HapModular.Dicom;

namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>
/// The Waveform Annotation Sequence of a DICOM ECG: numeric measurements by concept name (RR interval becomes the
/// heart rate) and the device's unformatted statements.
/// </summary>
internal static class DicomEcgAnnotations
{
    private static readonly DicomTag Annotations = new(0x0040, 0xB020);
    private static readonly DicomTag ConceptName = new(0x0040, 0xA043);
    private static readonly DicomTag NumericValue = new(0x0040, 0xA30A);
    private static readonly DicomTag UnformattedText = new(0x0070, 0x0006);
    private static readonly DicomTag CodeMeaning = new(0x0008, 0x0104);

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

            var concept = a.GetSequence(ConceptName).FirstOrDefault()?.GetString(CodeMeaning);
            if (concept is null || !a.TryGetDouble(NumericValue, out var value) || value <= 0)
            {
                continue;
            }

            var key = concept switch
            {
                "RR Interval" => "hr",
                "PR Interval" => "pr",
                "QRS Duration" => "qrs",
                "QT Interval" => "qt",
                "QTc Interval" => "qtc",
                "Ventricular Heart Rate" or "Heart Rate" => "hr",
                _ => null,
            };
            if (key is null || measurements.Any(m => m.Key == key))
            {
                continue;
            }

            measurements.Add(concept == "RR Interval"
                ? new EcgMeasurement("hr", Math.Round(60000 / value).ToString(CultureInfo.InvariantCulture), "bpm")
                : new EcgMeasurement(key, value.ToString(CultureInfo.InvariantCulture), key == "hr" ? "bpm" : "ms"));
        }

        return (measurements, statements.Distinct(StringComparer.Ordinal).ToList());
    }
}
