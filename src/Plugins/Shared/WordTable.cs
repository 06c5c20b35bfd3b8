using System.Globalization;

namespace HapModular.Viewers.Shared;

/// <summary>
/// A plugin's UI words by key, one column per language: French (the default, also for any other language), Dutch,
/// German, English. Each plugin keeps only its own table; this lookup is shared as linked source (a plugin depends on
/// nothing but the SDK, so no shared assembly).
/// </summary>
internal sealed class WordTable(IReadOnlyDictionary<string, string[]> words)
{
    public string Get(CultureInfo culture, string key)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return words[key][Column(culture)];
    }

    private static int Column(CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "nl" => 1,
        "de" => 2,
        "en" => 3,
        _ => 0,
    };
}
