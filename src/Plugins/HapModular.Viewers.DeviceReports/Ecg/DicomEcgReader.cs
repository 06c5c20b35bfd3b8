using System.Buffers.Binary;
using System.Globalization;
using HapModular.Dicom;

namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>
/// DICOM waveform objects (12-lead ECG, general ECG, hemodynamic), read with the project's DICOM reader: the
/// rhythm multiplex group's interleaved samples scaled per channel (value × sensitivity × correction + baseline,
/// in the channel's units), leads named from their SCP-ECG codes, and the waveform annotations (RR, PR, QRS,
/// QT, QTc intervals and the device's statements).
/// </summary>
internal static class DicomEcgReader
{
    private static readonly DicomTag WaveformSequence = new(0x5400, 0x0100);
    private static readonly DicomTag WaveformData = new(0x5400, 0x1010);
    private static readonly DicomTag BitsAllocated = new(0x5400, 0x1004);
    private static readonly DicomTag SampleInterpretation = new(0x5400, 0x1006);
    private static readonly DicomTag Channels = new(0x003A, 0x0005);
    private static readonly DicomTag Samples = new(0x003A, 0x0010);
    private static readonly DicomTag SamplingFrequency = new(0x003A, 0x001A);
    private static readonly DicomTag GroupLabel = new(0x003A, 0x0020);
    private static readonly DicomTag ChannelDefinitions = new(0x003A, 0x0200);
    private static readonly DicomTag ChannelSource = new(0x003A, 0x0208);
    private static readonly DicomTag Sensitivity = new(0x003A, 0x0210);
    private static readonly DicomTag SensitivityUnits = new(0x003A, 0x0211);
    private static readonly DicomTag CorrectionFactor = new(0x003A, 0x0212);
    private static readonly DicomTag Baseline = new(0x003A, 0x0213);
    private static readonly DicomTag CodeValue = new(0x0008, 0x0100);
    private static readonly DicomTag CodeMeaning = new(0x0008, 0x0104);
    private static readonly DicomTag AcquisitionDateTime = new(0x0008, 0x002A);
    private static readonly DicomTag ContentDate = new(0x0008, 0x0023);
    private static readonly DicomTag ContentTime = new(0x0008, 0x0033);
    private static readonly DicomTag Manufacturer = new(0x0008, 0x0070);
    private static readonly DicomTag Model = new(0x0008, 0x1090);

    public static EcgRecording? Read(ReadOnlyMemory<byte> data, out string reason)
    {
        if (!DicomFile.TryRead(data, out var file, out var error) || file is null)
        {
            reason = "The DICOM file cannot be read: " + (error ?? "unknown error") + ".";
            return null;
        }

        reason = "The DICOM file holds no readable ECG waveform.";
        var ds = file.Dataset;
        var groups = ds.GetSequence(WaveformSequence);
        var group = groups.FirstOrDefault(g => g.GetString(GroupLabel) is { } l && l.Contains("RHYTHM", StringComparison.OrdinalIgnoreCase)) ?? groups.FirstOrDefault();
        if (group is null || !group.TryGetDouble(SamplingFrequency, out var fs) || fs <= 0 || !group.TryGetBytes(WaveformData, out var bytes))
        {
            return null;
        }

        var channels = group.GetInt(Channels, 0);
        var samples = group.GetInt(Samples, 0);
        var bits = group.GetInt(BitsAllocated, 16);
        var signed = (group.GetString(SampleInterpretation) ?? "SS") is "SS" or "SB";
        var definitions = group.GetSequence(ChannelDefinitions);
        var size = bits / 8;
        if (channels <= 0 || samples <= 0 || definitions.Count < channels || size is not (1 or 2 or 4) || (long)channels * samples * size > bytes.Length)
        {
            return null;
        }

        var bigEndian = group[WaveformData]?.BigEndian == true;
        var raw = bytes.Span;
        var leads = new List<EcgLead>();
        for (var c = 0; c < channels; c++)
        {
            var def = definitions[c];
            if (UnitToMicroVolts(def) is not { } unit)
            {
                // Pressure (mmHg) or other non-voltage channels of hemodynamic waveforms are not ECG paper material.
                continue;
            }

            var scale = (def.TryGetDouble(Sensitivity, out var s) ? s : 1) * (def.TryGetDouble(CorrectionFactor, out var f) ? f : 1) * unit;
            var baseline = (def.TryGetDouble(Baseline, out var b) ? b : 0) * unit;
            var uv = new double[samples];
            for (var k = 0; k < samples; k++)
            {
                var at = ((k * channels) + c) * size;
                uv[k] = (Sample(raw.Slice(at, size), signed, bigEndian) * scale) + baseline;
            }

            leads.Add(new EcgLead(LeadName(def.GetSequence(ChannelSource).FirstOrDefault()), uv));
        }

        if (leads.Count == 0)
        {
            reason = "The waveform holds no ECG (voltage) channels; pressure curves are not drawn by this viewer.";
            return null;
        }

        var device = string.Join(" — ", new[] { ds.GetString(Model), ds.GetString(Manufacturer) }.Where(x => !string.IsNullOrWhiteSpace(x)));
        var (measurements, statements) = DicomEcgAnnotations.Read(ds);
        var ecg = new EcgRecording("DICOM", fs, leads, Acquired(ds), device.Length > 0 ? device : null, measurements, statements) { Keys = Keys(ds) };
        return ecg.WithDerivedLimbLeads();
    }

    private static double Sample(ReadOnlySpan<byte> s, bool signed, bool bigEndian) => s.Length switch
    {
        1 => signed ? (sbyte)s[0] : s[0],
        2 => signed
            ? (bigEndian ? BinaryPrimitives.ReadInt16BigEndian(s) : BinaryPrimitives.ReadInt16LittleEndian(s))
            : (bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s)),
        _ => signed
            ? (bigEndian ? BinaryPrimitives.ReadInt32BigEndian(s) : BinaryPrimitives.ReadInt32LittleEndian(s))
            : (bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s)),
    };

    private static double? UnitToMicroVolts(DicomDataset channel) =>
        channel.GetSequence(SensitivityUnits).FirstOrDefault()?.GetString(CodeValue) switch
        {
            "uV" or "µV" or null => 1,
            "mV" => 1000,
            "V" => 1_000_000,
            "nV" => 0.001,
            _ => null,
        };

    // SCP-ECG lead codes "5.6.3-9-n" carry the EN 1064 lead number; other schemes fall back to the meaning.
    private static string LeadName(DicomDataset? source)
    {
        var code = source?.GetString(CodeValue) ?? string.Empty;
        if (code.StartsWith("5.6.3-9-", StringComparison.Ordinal) && int.TryParse(code["5.6.3-9-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            var name = n switch
            {
                1 => "I", 2 => "II", 3 => "V1", 4 => "V2", 5 => "V3", 6 => "V4", 7 => "V5", 8 => "V6",
                61 => "III", 62 => "aVR", 63 => "aVL", 64 => "aVF",
                _ => null,
            };
            if (name is not null)
            {
                return name;
            }
        }

        var meaning = source?.GetString(CodeMeaning) ?? "?";
        meaning = meaning.StartsWith("Lead ", StringComparison.OrdinalIgnoreCase) ? meaning[5..] : meaning;
        var paren = meaning.IndexOf('(', StringComparison.Ordinal);
        return (paren > 0 ? meaning[..paren] : meaning).Trim();
    }

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
