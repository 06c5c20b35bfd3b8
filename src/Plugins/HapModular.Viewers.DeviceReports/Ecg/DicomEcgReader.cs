using System.Globalization;
using HapModular.Dicom;

namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>
/// DICOM waveform objects (12-lead ECG, general ECG, hemodynamic), read with the project's DICOM reader: every
/// multiplex group decoded (<see cref="DicomWaveformGroup"/>) and listed with what could be drawn; the rhythm group
/// on the paper, the median-beat group beside it, the waveform annotations (intervals, axes, statements).
/// </summary>
internal static class DicomEcgReader
{
    private static readonly DicomTag WaveformSequence = new(0x5400, 0x0100);
    private static readonly DicomTag AcquisitionDateTime = new(0x0008, 0x002A);
    private static readonly DicomTag ContentDate = new(0x0008, 0x0023);
    private static readonly DicomTag ContentTime = new(0x0008, 0x0033);
    private static readonly DicomTag Manufacturer = new(0x0008, 0x0070);
    private static readonly DicomTag Model = new(0x0008, 0x1090);

    public static EcgRecording? Read(ReadOnlyMemory<byte> data, out LocalText reason)
    {
        if (!DicomFile.TryRead(data, out var file, out var error) || file is null)
        {
            reason = new LocalText("dicom-unreadable", error ?? "?");
            return null;
        }

        try
        {
            return Read(file.Dataset, out reason);
        }
        catch (DicomReadException ex)
        {
            // An attribute the view needs (dates, device, annotations) holds a value of the wrong type.
            reason = new LocalText("value-unreadable", ex.Message);
            return null;
        }
    }

    private static EcgRecording? Read(DicomDataset ds, out LocalText reason)
    {
        var items = ds.GetSequence(WaveformSequence);
        if (items.Count == 0)
        {
            reason = new LocalText("dicom-no-waveform");
            return null;
        }

        var notices = new List<LocalText>();
        var groups = items.Select((g, i) => DicomWaveformGroup.Decode(g, i + 1, notices)).ToList();
        var decoded = groups.Where(g => g.Strip is not null).ToList();
        var median = decoded.FirstOrDefault(IsMedian);
        var rhythm = decoded.FirstOrDefault(g => g != median && g.Label.Contains("RHYTHM", StringComparison.OrdinalIgnoreCase))
            ?? decoded.FirstOrDefault(g => g != median && g.Originality == "ORIGINAL")
            ?? decoded.FirstOrDefault(g => g != median);
        groups = [.. groups.Select(g => g == rhythm ? g with { Role = "rhythm", Status = new LocalText("group-rhythm", g.Status) }
            : g == median ? g with { Role = "median", Status = new LocalText("group-median", g.Status) }
            : g.Strip is not null ? g with { Role = "extra", Status = new LocalText("group-extra", g.Status) }
            : g)];

        if (rhythm is null && groups.All(g => g.Strip is null))
        {
            notices.Insert(0, new LocalText("notice-no-group"));
        }

        var strip = rhythm?.Strip ?? new EcgStrip(1, [], false);
        var device = string.Join(" — ", new[] { ds.GetString(Model), ds.GetString(Manufacturer) }.Where(x => !string.IsNullOrWhiteSpace(x)));
        var (measurements, statements) = DicomEcgAnnotations.Read(ds);
        reason = new LocalText("dicom-no-waveform");
        return new EcgRecording("DICOM", strip.SampleRateHz, strip.Leads, Acquired(ds), device.Length > 0 ? device : null, measurements, statements)
        {
            Keys = Keys(ds),
            Calibrated = strip.Calibrated,
            Notices = notices,
            Median = median?.Strip,
            Filters = rhythm?.Filters,
            Groups = groups,
        };
    }

    // PS3.3: a DERIVED group labelled as median (or representative) beats; "MEDIAN BEAT" is the usual label.
    private static bool IsMedian(EcgGroup g) =>
        g.Label.Contains("MEDIAN", StringComparison.OrdinalIgnoreCase)
        || g.Label.Contains("REPRESENTATIVE", StringComparison.OrdinalIgnoreCase)
        || (g.Originality == "DERIVED" && g.Label.Contains("BEAT", StringComparison.OrdinalIgnoreCase));

    private static Dictionary<string, string> Keys(DicomDataset ds)
    {
        var keys = new Dictionary<string, string>();
        void Add(string key, ushort group, ushort element)
        {
            if (ds.GetString(new DicomTag(group, element)) is { Length: > 0 } v)
            {
                keys[key] = v;
            }
        }

        Add(InspectionKeys.StudyInstanceUid, 0x0020, 0x000D);
        Add(InspectionKeys.SeriesInstanceUid, 0x0020, 0x000E);
        Add(InspectionKeys.SopInstanceUid, 0x0008, 0x0018);
        Add(InspectionKeys.SopClassUid, 0x0008, 0x0016);
        Add(InspectionKeys.Modality, 0x0008, 0x0060);
        Add(InspectionKeys.PatientId, 0x0010, 0x0020);
        return keys;
    }

    private static DateTimeOffset? Acquired(DicomDataset ds)
    {
        var text = ds.GetString(AcquisitionDateTime);
        if (string.IsNullOrEmpty(text) && ds.GetString(ContentDate) is { Length: 8 } date)
        {
            text = date + (ds.GetString(ContentTime) ?? string.Empty);
        }

        var digits = new string((text ?? string.Empty).TakeWhile(char.IsAsciiDigit).ToArray());
        var format = digits.Length >= 14 ? "yyyyMMddHHmmss" : digits.Length >= 12 ? "yyyyMMddHHmm" : digits.Length >= 8 ? "yyyyMMdd" : null;
        return format is not null && DateTime.TryParseExact(digits[..format.Length], format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? new DateTimeOffset(d, TimeSpan.Zero)
            : null;
    }
}
