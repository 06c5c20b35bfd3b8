using System.Globalization;
using HapModular.Dicom;

namespace HapModular.Viewers.Dicom;

/// <summary>DICOM DA/TM values to .NET dates.</summary>
internal static class DicomDates
{
    public static bool TryParseDate(string? da, out DateOnly date)
    {
        date = default;
        var s = da?.Trim().Replace(".", string.Empty, StringComparison.Ordinal);
        return s is { Length: 8 } && DateOnly.TryParseExact(s, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>Study date (else series, else content date) with its time, at the stored UTC offset or UTC.</summary>
    public static DateTimeOffset? Clinical(DicomDataset ds)
    {
        var date = default(DateOnly);
        if (!new[] { DicomTags.StudyDate, DicomTags.SeriesDate, DicomTags.ContentDate }.Any(t => TryParseDate(ds.GetString(t), out date)))
        {
            return null;
        }

        var time = TimeOnly.MinValue;
        var tm = ds.GetString(DicomTags.StudyTime)?.Trim().Replace(":", string.Empty, StringComparison.Ordinal);
        if (tm is { Length: >= 4 } && int.TryParse(tm.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && int.TryParse(tm.AsSpan(2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && h < 24 && m < 60)
        {
            var sec = tm.Length >= 6 && int.TryParse(tm.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var ss) && ss < 60 ? ss : 0;
            time = new TimeOnly(h, m, sec);
        }

        var offset = TimeSpan.Zero;
        var tz = ds.GetString(new DicomTag(0x0008, 0x0201))?.Trim();
        if (tz is { Length: 5 } && (tz[0] == '+' || tz[0] == '-')
            && int.TryParse(tz.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var oh)
            && int.TryParse(tz.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var om) && oh <= 14 && om < 60)
        {
            offset = new TimeSpan(oh, om, 0) * (tz[0] == '-' ? -1 : 1);
        }

        return new DateTimeOffset(date.ToDateTime(time), offset);
    }
}
