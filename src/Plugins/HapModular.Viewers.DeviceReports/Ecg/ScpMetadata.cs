using System.Buffers.Binary;
using System.Text;

namespace HapModular.Viewers.DeviceReports.Ecg;

/// <summary>
/// SCP-ECG section 1 (tags 14 device, 25 date, 26 time; patient tags are not read) and section 7 (mean RR and
/// the global P/QRS/T fiducials, in ms, 29999 meaning "not computed").
/// </summary>
internal static class ScpMetadata
{
    public static (DateTimeOffset? Acquired, string? Device) Header(ReadOnlySpan<byte> s1)
    {
        int? year = null, month = null, day = null, hour = null, minute = null, second = null;
        string? device = null;
        var p = 0;
        while (p + 3 <= s1.Length)
        {
            var tag = s1[p];
            var len = BinaryPrimitives.ReadUInt16LittleEndian(s1[(p + 1)..]);
            if (tag == 255 || p + 3 + len > s1.Length)
            {
                break;
            }

            var v = s1.Slice(p + 3, len);
            if (tag == 25 && len >= 4)
            {
                (year, month, day) = (BinaryPrimitives.ReadUInt16LittleEndian(v), v[2], v[3]);
            }
            else if (tag == 26 && len >= 3)
            {
                (hour, minute, second) = (v[0], v[1], v[2]);
            }
            else if (tag == 14 && len > 14)
            {
                device = Printable(v[8..]);
            }

            p += 3 + len;
        }

        DateTimeOffset? acquired = null;
        if (year is > 1900 and < 3000 && month is >= 1 and <= 12 && day is >= 1 and <= 31 && day <= DateTime.DaysInMonth(year.Value, month.Value))
        {
            acquired = new DateTimeOffset(year.Value, month.Value, day.Value, hour is < 24 ? hour.Value : 0, minute is < 60 ? minute.Value : 0, second is < 60 ? second.Value : 0, TimeSpan.Zero);
        }

        return (acquired, device);
    }

    // Tag 14 (acquiring device) holds a 6-byte model description and several zero-terminated strings.
    private static string? Printable(ReadOnlySpan<byte> v)
    {
        var parts = Encoding.Latin1.GetString(v).Split('\0').Select(s => new string(s.Where(c => c >= ' ' && c < 0x7F).ToArray()).Trim()).Where(s => s.Length >= 2).Distinct().Take(3);
        var text = string.Join(" — ", parts);
        return text.Length > 0 ? text : null;
    }

    public static List<EcgMeasurement> Measurements(ReadOnlySpan<byte> s7)
    {
        var found = new List<EcgMeasurement>();
        if (s7.Length < 6 + 16)
        {
            return found;
        }

        static bool Valid(int ms) => ms is > 0 and < 29999;
        var rr = BinaryPrimitives.ReadUInt16LittleEndian(s7[2..]);
        var m = s7[6..];
        var pOn = BinaryPrimitives.ReadUInt16LittleEndian(m);
        var qrsOn = BinaryPrimitives.ReadUInt16LittleEndian(m[4..]);
        var qrsOff = BinaryPrimitives.ReadUInt16LittleEndian(m[6..]);
        var tOff = BinaryPrimitives.ReadUInt16LittleEndian(m[8..]);
        if (Valid(rr))
        {
            found.Add(new EcgMeasurement("hr", Math.Round(60000.0 / rr).ToString(System.Globalization.CultureInfo.InvariantCulture), "bpm"));
        }

        if (Valid(pOn) && Valid(qrsOn) && qrsOn > pOn)
        {
            found.Add(new EcgMeasurement("pr", (qrsOn - pOn).ToString(System.Globalization.CultureInfo.InvariantCulture), "ms"));
        }

        if (Valid(qrsOn) && Valid(qrsOff) && qrsOff > qrsOn)
        {
            found.Add(new EcgMeasurement("qrs", (qrsOff - qrsOn).ToString(System.Globalization.CultureInfo.InvariantCulture), "ms"));
        }

        if (Valid(qrsOn) && Valid(tOff) && tOff > qrsOn)
        {
            var qt = tOff - qrsOn;
            found.Add(new EcgMeasurement("qt", qt.ToString(System.Globalization.CultureInfo.InvariantCulture), "ms"));
            if (Valid(rr))
            {
                // The file carries no QTc; Bazett's correction is stated as such.
                found.Add(new EcgMeasurement("qtc", Math.Round(qt / Math.Sqrt(rr / 1000.0)).ToString(System.Globalization.CultureInfo.InvariantCulture), "ms (Bazett)"));
            }
        }

        return found;
    }
}
