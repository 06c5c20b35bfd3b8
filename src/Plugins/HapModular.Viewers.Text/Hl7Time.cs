using System.Globalization;

namespace HapModular.Viewers.Text;

/// <summary>HL7 timestamps (v2 DTM/TS and v3 TS): <c>YYYY[MM[DD[HH[MM[SS[.S]]]]]][+/-ZZZZ]</c>.</summary>
internal static class Hl7Time
{
    public static bool TryParse(string? text, out DateTimeOffset value, out bool hasTime)
    {
        value = default;
        hasTime = false;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var offset = TimeSpan.Zero;
        var sign = s.IndexOfAny(['+', '-']);
        if (sign > 0)
        {
            var zone = s[(sign + 1)..];
            if (zone.Length == 4 && int.TryParse(zone, NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm))
            {
                offset = new TimeSpan(hhmm / 100, hhmm % 100, 0) * (s[sign] == '-' ? -1 : 1);
            }

            s = s[..sign];
        }

        var dot = s.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            s = s[..dot];
        }

        if (s.Length < 4 || s.Length > 14 || !s.All(char.IsAsciiDigit))
        {
            return false;
        }

        int Part(int start, int length, int fallback) => s.Length >= start + length ? int.Parse(s.AsSpan(start, length), CultureInfo.InvariantCulture) : fallback;
        try
        {
            // Without an offset the wall-clock time is kept as written (shown as such, not converted).
            value = new DateTimeOffset(Part(0, 4, 1), Part(4, 2, 1), Part(6, 2, 1), Part(8, 2, 0), Part(10, 2, 0), Part(12, 2, 0), offset);
            hasTime = s.Length >= 12;
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    public static string? Format(string? text, CultureInfo culture) =>
        TryParse(text, out var v, out var t) ? ReportPage.FormatDate(v, t, culture) : null;
}
