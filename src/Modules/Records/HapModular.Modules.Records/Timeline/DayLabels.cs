using System.Collections.Concurrent;
using System.Globalization;

namespace HapModular.Modules.Records.Timeline;

/// <summary>
/// A timeline day's two labels (the ISO date of its <c>&lt;time&gt;</c> element and the long date shown), formatted once
/// per day and language. Why: each page formatted both for every day on it — 2 strings and their formatting per day, a
/// visible share of the page's allocations. A date's text in a culture never changes; only formatting is remembered.
/// </summary>
internal static class DayLabels
{
    private const int MaxEntries = 20_000;
    private static readonly ConcurrentDictionary<(DateOnly Date, string Culture, string Pattern), (string Iso, string Long)> Labels = new();

    /// <summary>The labels of <paramref name="date"/> in the current culture.</summary>
    public static (string Iso, string Long) Of(DateOnly date)
    {
        var culture = CultureInfo.CurrentCulture;
        // The pattern too: the portal's English is British, another "en" in the same process may not be.
        var key = (date, culture.Name, culture.DateTimeFormat.LongDatePattern);
        if (Labels.TryGetValue(key, out var known))
        {
            return known;
        }

        if (Labels.Count >= MaxEntries)
        {
            // A crude bound (ten thousand days in four languages): at worst the labels are formatted once more.
            Labels.Clear();
        }

        return Labels[key] = (date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), date.ToString("D", culture));
    }
}
