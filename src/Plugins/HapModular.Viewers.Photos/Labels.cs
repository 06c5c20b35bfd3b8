using System.Globalization;

namespace HapModular.Viewers.Photos;

/// <summary>UI words, French by default; nl, de and en by the reader's culture.</summary>
internal static class Labels
{
    private static readonly Dictionary<string, string[]> Words = new(StringComparer.Ordinal)
    {
        // key: fr, nl, de, en
        ["photo"] = ["Photo clinique", "Klinische foto", "Klinisches Foto", "Clinical photo"],
        ["taken"] = ["Prise le", "Genomen op", "Aufgenommen am", "Taken on"],
        ["undated"] = ["Date de prise inconnue", "Datum onbekend", "Aufnahmedatum unbekannt", "Date taken unknown"],
        ["pixels"] = ["pixels", "pixels", "Pixel", "pixels"],
        ["zoom-in"] = ["Agrandir", "Inzoomen", "Vergrößern", "Zoom in"],
        ["zoom-out"] = ["Réduire", "Uitzoomen", "Verkleinern", "Zoom out"],
        ["reset"] = ["Taille d'origine", "Oorspronkelijke grootte", "Originalgröße", "Reset"],
    };

    public static string Get(CultureInfo culture, string key)
    {
        var column = culture.TwoLetterISOLanguageName switch
        {
            "nl" => 1,
            "de" => 2,
            "en" => 3,
            _ => 0,
        };
        return Words[key][column];
    }
}
