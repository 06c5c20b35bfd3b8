using System.Globalization;

namespace HapModular.Modules.Interop.Fhir;

/// <summary>
/// FHIR date search values (<c>date=ge2026-01-01&amp;date=lt2026-07</c>): prefixes eq, ge, gt, le, lt on a year, month,
/// day or instant, each standing for its whole period. Days are UTC days, as the timeline's period filter.
/// </summary>
internal static class DateRange
{
    public static bool TryParse(IEnumerable<string?> values, out DateTimeOffset? from, out DateTimeOffset? to, out string? error)
    {
        from = null;
        to = null;
        error = null;
        foreach (var raw in values)
        {
            var value = raw ?? string.Empty;
            var prefix = value.Length > 2 && char.IsAsciiLetter(value[0]) ? value[..2] : "eq";
            var date = prefix == "eq" && !char.IsAsciiLetter(value.FirstOrDefault()) ? value : value[2..];
            if (!TryPeriod(date, out var start, out var end))
            {
                error = $"Invalid date '{value}': use [eq|ge|gt|le|lt]YYYY[-MM[-DD]] or an instant.";
                return false;
            }

            switch (prefix)
            {
                case "eq": from = Later(from, start); to = Earlier(to, end); break;
                case "ge": from = Later(from, start); break;
                case "gt": from = Later(from, end); break;
                case "le": to = Earlier(to, end); break;
                case "lt": to = Earlier(to, start); break;
                default:
                    error = $"Unsupported date prefix '{prefix}': use eq, ge, gt, le or lt.";
                    return false;
            }
        }

        return true;
    }

    private static bool TryPeriod(string date, out DateTimeOffset start, out DateTimeOffset end)
    {
        var c = CultureInfo.InvariantCulture;
        var utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        (start, end) = (default, default);
        if (date.Length == 4 && DateTime.TryParseExact(date, "yyyy", c, utc, out var y))
        {
            (start, end) = (Utc(y), Utc(y).AddYears(1));
        }
        else if (date.Length == 7 && DateTime.TryParseExact(date, "yyyy-MM", c, utc, out var m))
        {
            (start, end) = (Utc(m), Utc(m).AddMonths(1));
        }
        else if (date.Length == 10 && DateTime.TryParseExact(date, "yyyy-MM-dd", c, utc, out var d))
        {
            (start, end) = (Utc(d), Utc(d).AddDays(1));
        }
        else if (date.Length > 10 && DateTimeOffset.TryParse(date, c, DateTimeStyles.AssumeUniversal, out var instant))
        {
            (start, end) = (instant.ToUniversalTime(), instant.ToUniversalTime().AddTicks(1));
        }
        else
        {
            return false;
        }

        return true;
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;

    private static DateTimeOffset Earlier(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;
}
