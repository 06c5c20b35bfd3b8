using System.Buffers.Binary;

namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>
/// SCP-ECG (EN 1064 / ISO 11073-91064): section 0 pointers, section 1 acquisition date/time and device,
/// section 3 leads, section 6 rhythm data (default Huffman table or none; first or second differences) scaled
/// by the amplitude multiplier, section 7 global measurements. Files that store the rhythm as residuals after
/// reference-beat subtraction, bimodal compression or custom Huffman tables are refused with a clear reason.
/// </summary>
internal static class ScpEcgReader
{
    public static EcgRecording? Read(ReadOnlySpan<byte> b, out LocalText reason)
    {
        reason = new LocalText("scp-damaged");
        if (b.Length < 6 + 16 || BinaryPrimitives.ReadUInt32LittleEndian(b[2..]) != b.Length)
        {
            return null;
        }

        var sections = Pointers(b);
        if (sections is null)
        {
            return null;
        }

        var s3 = Section(b, sections, 3);
        var s6 = Section(b, sections, 6);

        var s2 = Section(b, sections, 2);
        if (s2.Length >= 2 && BinaryPrimitives.ReadUInt16LittleEndian(s2) != 19999)
        {
            reason = new LocalText("scp-huffman");
            return null;
        }

        var s4 = Section(b, sections, 4);
        if (s4.Length >= 6 && BinaryPrimitives.ReadUInt16LittleEndian(s4[4..]) > 0 && !Section(b, sections, 5).IsEmpty)
        {
            reason = new LocalText("scp-residuals");
            return null;
        }

        if (s3.Length < 2 || s6.Length < 6)
        {
            return null;
        }

        var leadCount = s3[0];
        var avmNanoVolts = BinaryPrimitives.ReadUInt16LittleEndian(s6);
        var intervalMicroSeconds = BinaryPrimitives.ReadUInt16LittleEndian(s6[2..]);
        var differences = s6[4];
        if (s6[5] != 0)
        {
            reason = new LocalText("scp-bimodal");
            return null;
        }

        if (leadCount == 0 || s3.Length < 2 + (9 * leadCount) || s6.Length < 6 + (2 * leadCount) || avmNanoVolts == 0 || intervalMicroSeconds == 0 || differences > 2)
        {
            return null;
        }

        var offset = 6 + (2 * leadCount);
        var leads = new List<EcgLead>();
        for (var i = 0; i < leadCount; i++)
        {
            var def = s3.Slice(2 + (9 * i), 9);
            var count = (int)(BinaryPrimitives.ReadUInt32LittleEndian(def[4..]) - BinaryPrimitives.ReadUInt32LittleEndian(def) + 1);
            var bytes = BinaryPrimitives.ReadUInt16LittleEndian(s6[(6 + (2 * i))..]);
            if (count is <= 0 or > 1_000_000 || offset + bytes > s6.Length)
            {
                return null;
            }

            var values = new int[count];
            var data = s6.Slice(offset, bytes);
            offset += bytes;
            if (s2.IsEmpty ? !Raw(data, values) : !ScpHuffman.TryDecode(data, count, values))
            {
                return null;
            }

            Integrate(values, differences);
            leads.Add(new EcgLead(LeadName(def[8]), values.Select(v => v * avmNanoVolts / 1000.0).ToArray()));
        }

        var (acquired, device) = ScpMetadata.Header(Section(b, sections, 1));
        var ecg = new EcgRecording("SCP-ECG", 1_000_000.0 / intervalMicroSeconds, leads, acquired, device, ScpMetadata.Measurements(Section(b, sections, 7)), []);
        return ecg.WithDerivedLimbLeads();
    }

    private static Dictionary<int, (int Length, int Index)>? Pointers(ReadOnlySpan<byte> b)
    {
        var s0 = b[6..];
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(s0[4..]);
        if (length < 16 || 6 + length > b.Length || !s0.Slice(10, 6).SequenceEqual("SCPECG"u8))
        {
            return null;
        }

        var map = new Dictionary<int, (int, int)>();
        for (var p = 16; p + 10 <= length; p += 10)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(s0[p..]);
            var len = (int)BinaryPrimitives.ReadUInt32LittleEndian(s0[(p + 2)..]);
            var index = (int)BinaryPrimitives.ReadUInt32LittleEndian(s0[(p + 6)..]);
            if (len > 0 && (index < 1 || index - 1 + (long)len > b.Length))
            {
                return null;
            }

            map[id] = (len, index);
        }

        return map;
    }

    /// <summary>A section's data, after its 16-byte header; empty when absent.</summary>
    private static ReadOnlySpan<byte> Section(ReadOnlySpan<byte> b, Dictionary<int, (int Length, int Index)> map, int id) =>
        map.TryGetValue(id, out var s) && s.Length > 16 ? b.Slice(s.Index - 1 + 16, s.Length - 16) : [];

    private static bool Raw(ReadOnlySpan<byte> data, int[] values)
    {
        if (data.Length < values.Length * 2)
        {
            return false;
        }

        for (var k = 0; k < values.Length; k++)
        {
            values[k] = BinaryPrimitives.ReadInt16LittleEndian(data[(2 * k)..]);
        }

        return true;
    }

    // First differences: x[n] = d[n] + x[n−1]; second: x[n] = d[n] + 2x[n−1] − x[n−2]; the first one or two are originals.
    private static void Integrate(int[] v, int order)
    {
        for (var n = order; n < v.Length; n++)
        {
            v[n] = order == 1 ? v[n] + v[n - 1] : v[n] + (2 * v[n - 1]) - v[n - 2];
        }
    }

    private static string LeadName(byte id) => id switch
    {
        1 => "I",
        2 => "II",
        3 => "V1",
        4 => "V2",
        5 => "V3",
        6 => "V4",
        7 => "V5",
        8 => "V6",
        61 => "III",
        62 => "aVR",
        63 => "aVL",
        64 => "aVF",
        _ => "#" + id,
    };
}
