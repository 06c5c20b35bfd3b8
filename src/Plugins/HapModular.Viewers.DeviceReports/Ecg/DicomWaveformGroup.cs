using System.Buffers.Binary;
using System.Globalization;
using HapModular.Dicom;

namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>
/// Decodes one multiplex group of the Waveform module (PS3.3 C.10.9): every encoding the standard allows
/// (Waveform Bits Allocated 8/16/32/64 with Sample Interpretation SB, UB, MB (µ-law), AB (A-law), SS, US, SL, UL,
/// SV, UV), samples scaled per channel to microvolts (value × Channel Sensitivity × Correction Factor + Baseline,
/// in the Channel Sensitivity Units), Waveform Padding Value samples left out. Required attributes are read
/// strictly: a missing or unreadable one is a stated reason, never a default.
/// </summary>
internal static class DicomWaveformGroup
{
    private static readonly DicomTag Originality = new(0x003A, 0x0004);
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
    private static readonly DicomTag FilterLow = new(0x003A, 0x0220);
    private static readonly DicomTag FilterHigh = new(0x003A, 0x0221);
    private static readonly DicomTag FilterNotch = new(0x003A, 0x0222);
    private static readonly DicomTag BitsAllocated = new(0x5400, 0x1004);
    private static readonly DicomTag SampleInterpretation = new(0x5400, 0x1006);
    private static readonly DicomTag PaddingValue = new(0x5400, 0x100A);
    private static readonly DicomTag WaveformData = new(0x5400, 0x1010);
    private static readonly DicomTag CodeValue = new(0x0008, 0x0100);
    private static readonly DicomTag CodeMeaning = new(0x0008, 0x0104);

    private static readonly Dictionary<string, int> Encodings = new(StringComparer.Ordinal)
    {
        ["SB"] = 8, ["UB"] = 8, ["MB"] = 8, ["AB"] = 8, ["SS"] = 16, ["US"] = 16, ["SL"] = 32, ["UL"] = 32, ["SV"] = 64, ["UV"] = 64,
    };

    /// <summary>Decodes group <paramref name="number"/> (1-based); notices about it are added to <paramref name="notices"/>.</summary>
    public static EcgGroup Decode(DicomDataset g, int number, List<LocalText> notices)
    {
        var label = Text(g, GroupLabel);
        var originality = Text(g, Originality);
        var channels = Int(g, Channels);
        var samples = Int(g, Samples);
        var fs = Number(g, SamplingFrequency, required: true);
        var bits = Int(g, BitsAllocated);
        var interpretation = Text(g, SampleInterpretation);
        var encoding = (bits.Value, interpretation.Value) is (int b, { Length: > 0 } i) ? $"{b} bit {i}" : "?";
        EcgGroup Group(LocalText status) => new(number, label.Value ?? string.Empty, originality.Value ?? string.Empty, channels.Value ?? 0, samples.Value ?? 0, fs.Value ?? 0, encoding, status);

        // Type 1 attributes, in the order a reader of the standard checks them.
        if ((channels.Problem ?? samples.Problem ?? fs.Problem ?? bits.Problem ?? interpretation.Problem) is { } problem)
        {
            return Group(problem);
        }

        if (channels.Value <= 0 || samples.Value <= 0 || fs.Value <= 0)
        {
            return Group(new LocalText("group-empty"));
        }

        if (!Encodings.TryGetValue(interpretation.Value!, out var expectedBits) || expectedBits != bits.Value)
        {
            return Group(new LocalText("group-encoding", bits.Value!, interpretation.Value!));
        }

        if (!g.TryGetElement(WaveformData, out var data) || data.Fragments is not null || data.IsSequence)
        {
            return Group(new LocalText("group-missing", DicomDataset.Describe(WaveformData)));
        }

        var size = bits.Value!.Value / 8;
        var count = (long)channels.Value!.Value * samples.Value!.Value;
        if (count * size > data.RawValue.Length)
        {
            return Group(new LocalText("group-short", data.RawValue.Length, count * size));
        }

        var definitions = g.GetSequence(ChannelDefinitions);
        if (definitions.Count != channels.Value)
        {
            return Group(new LocalText("group-definitions", definitions.Count, channels.Value));
        }

        var bytes = LittleEndian(data);
        var interp = interpretation.Value!;
        long? padding = null;
        if (g.TryGetElement(PaddingValue, out var pad) && pad.RawValue.Length >= size)
        {
            padding = Raw(LittleEndian(pad), 0, size, interp);
        }

        var leads = new List<EcgLead>();
        var calibrated = true;
        var skipped = new List<string>();
        var padded = 0L;
        for (var c = 0; c < channels.Value; c++)
        {
            var def = definitions[c];
            var name = LeadName(def.GetSequence(ChannelSource).FirstOrDefault());
            var scale = Scale(def, name, number, notices, out var unitKnown);
            if (!unitKnown)
            {
                // Pressure (mmHg) and other non-voltage channels of hemodynamic waveforms are not ECG paper material.
                skipped.Add(name);
                continue;
            }

            calibrated &= scale is not null;
            var values = new double[samples.Value!.Value];
            for (var k = 0; k < values.Length; k++)
            {
                var raw = Raw(bytes, ((long)k * channels.Value!.Value) + c, size, interp);
                if (raw == padding)
                {
                    values[k] = double.NaN;
                    padded++;
                }
                else
                {
                    values[k] = scale is { } s ? (Decompand(raw, interp) * s.Factor) + s.Offset : Decompand(raw, interp);
                }
            }

            leads.Add(new EcgLead(name, values));
        }

        if (padded > 0)
        {
            notices.Add(new LocalText("notice-padding", number, padded));
        }

        if (interp is "MB" or "AB")
        {
            notices.Add(new LocalText("notice-companded", number, interp == "MB" ? "µ-law" : "A-law"));
        }

        if (leads.Count == 0)
        {
            return Group(new LocalText("group-no-voltage", string.Join(", ", skipped)));
        }

        var strip = new EcgStrip(fs.Value!.Value, EcgRecording.DeriveLimbLeads(leads), calibrated);
        var first = definitions[0];
        var filters = new EcgFilters(Number(first, FilterLow).Value, Number(first, FilterHigh).Value, Number(first, FilterNotch).Value);
        return Group(new LocalText(calibrated ? "group-decoded" : "group-uncalibrated", leads.Count)) with
        {
            Strip = strip,
            Filters = filters.LowHz is null && filters.HighHz is null && filters.NotchHz is null ? null : filters,
        };
    }

    // Scale of one channel to µV: (factor, offset). Null when the channel has no usable calibration (then its raw
    // values are drawn without a mm/mV scale); unitKnown false for non-voltage channels.
    private static (double Factor, double Offset)? Scale(DicomDataset def, string lead, int group, List<LocalText> notices, out bool unitKnown)
    {
        var unit = def.GetSequence(SensitivityUnits).FirstOrDefault();
        var unitCode = unit is null ? null : Text(unit, CodeValue).Value;
        double? toMicroVolts = unitCode switch
        {
            "uV" or "µV" => 1,
            "mV" => 1000,
            "V" => 1_000_000,
            "nV" => 0.001,
            _ => null,
        };
        unitKnown = toMicroVolts is not null || unitCode is null;
        if (!unitKnown)
        {
            return null;
        }

        var sensitivity = Number(def, Sensitivity);
        if (sensitivity.Problem is not null || sensitivity.Value is null || sensitivity.Value == 0 || toMicroVolts is null)
        {
            notices.Add(sensitivity.Problem is { } p ? new LocalText("notice-sensitivity-unreadable", lead, group, p)
                : sensitivity.Value == 0 ? new LocalText("notice-sensitivity-zero", lead, group)
                : toMicroVolts is null && sensitivity.Value is not null ? new LocalText("notice-units-absent", lead, group)
                : new LocalText("notice-sensitivity-absent", lead, group));
            return null;
        }

        // Type 1C with the sensitivity: absent, the nominal sensitivity is used, and the page says so.
        var correction = Number(def, CorrectionFactor);
        var baseline = Number(def, Baseline);
        if ((correction.Problem ?? baseline.Problem) is { } unreadable)
        {
            notices.Add(new LocalText("notice-sensitivity-unreadable", lead, group, unreadable));
            return null;
        }

        if (correction.Value is null || baseline.Value is null)
        {
            notices.Add(new LocalText("notice-correction-absent", lead, group));
        }

        return ((sensitivity.Value.Value * (correction.Value ?? 1) * toMicroVolts.Value), (baseline.Value ?? 0) * toMicroVolts.Value);
    }

    // The sample bytes in little-endian order. In Explicit VR Big Endian an OW value has each 16-bit word swapped
    // (also for 8-, 32- and 64-bit samples, as the standard's byte swapping is per OW word); OB is never swapped.
    private static byte[] LittleEndian(DicomElement e)
    {
        var bytes = e.RawValue.ToArray();
        if (e.BigEndian && e.VR != DicomVR.OB)
        {
            for (var i = 0; i + 1 < bytes.Length; i += 2)
            {
                (bytes[i], bytes[i + 1]) = (bytes[i + 1], bytes[i]);
            }
        }

        return bytes;
    }

    private static long Raw(byte[] b, long index, int size, string interpretation)
    {
        var s = b.AsSpan((int)(index * size), size);
        return interpretation switch
        {
            "SB" => (sbyte)s[0],
            "UB" or "MB" or "AB" => s[0],
            "SS" => BinaryPrimitives.ReadInt16LittleEndian(s),
            "US" => BinaryPrimitives.ReadUInt16LittleEndian(s),
            "SL" => BinaryPrimitives.ReadInt32LittleEndian(s),
            "UL" => BinaryPrimitives.ReadUInt32LittleEndian(s),
            "SV" => BinaryPrimitives.ReadInt64LittleEndian(s),
            _ => (long)BinaryPrimitives.ReadUInt64LittleEndian(s),
        };
    }

    private static double Decompand(long raw, string interpretation) => interpretation switch
    {
        "MB" => G711.MuLaw((byte)raw),
        "AB" => G711.ALaw((byte)raw),
        _ => raw,
    };

    // SCP-ECG lead codes "5.6.3-9-n" carry the EN 1064 lead number; other schemes fall back to the meaning.
    private static string LeadName(DicomDataset? source)
    {
        var code = source is null ? string.Empty : Text(source, CodeValue).Value ?? string.Empty;
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

        var meaning = (source is null ? null : Text(source, CodeMeaning).Value) ?? "?";
        meaning = meaning.StartsWith("Lead ", StringComparison.OrdinalIgnoreCase) ? meaning[5..] : meaning;
        var paren = meaning.IndexOf('(', StringComparison.Ordinal);
        return (paren > 0 ? meaning[..paren] : meaning).Trim();
    }

    // Reads that keep "absent" (null value, no problem) apart from "unreadable" (a problem to show).
    private static Read<string> Text(DicomDataset ds, DicomTag tag)
    {
        try
        {
            return new(ds.GetString(tag)?.Trim(), ds.Contains(tag) ? null : Missing(tag));
        }
        catch (DicomReadException ex)
        {
            return new(null, new LocalText("value-unreadable", ex.Message));
        }
    }

    private static Read<int?> Int(DicomDataset ds, DicomTag tag)
    {
        try
        {
            return ds.TryGetInt(tag, out var v) ? new(v, null) : new(null, Missing(tag));
        }
        catch (DicomReadException ex)
        {
            return new(null, new LocalText("value-unreadable", ex.Message));
        }
    }

    private static Read<double?> Number(DicomDataset ds, DicomTag tag, bool required = false)
    {
        try
        {
            return ds.TryGetDouble(tag, out var v) ? new(v, null) : new(null, required ? Missing(tag) : null);
        }
        catch (DicomReadException ex)
        {
            return new(null, new LocalText("value-unreadable", ex.Message));
        }
    }

    private static LocalText Missing(DicomTag tag) => new("group-missing", DicomDataset.Describe(tag));

    private readonly record struct Read<T>(T? Value, LocalText? Problem);
}
