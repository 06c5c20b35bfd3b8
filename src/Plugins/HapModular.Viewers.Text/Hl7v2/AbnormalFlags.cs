using System.Globalization;

namespace HapModular.Viewers.Text.Hl7v2;

/// <summary>HL7 table 0078 (interpretation codes): what a flag means, and whether it marks an abnormal result.</summary>
internal static class AbnormalFlags
{
    private static readonly Dictionary<string, string[]> Meanings = new(StringComparer.OrdinalIgnoreCase)
    {
        // code: fr, nl, de, en
        ["H"] = ["élevé", "hoog", "erhöht", "high"],
        ["HH"] = ["très élevé (critique)", "zeer hoog (kritiek)", "stark erhöht (kritisch)", "critically high"],
        ["L"] = ["bas", "laag", "erniedrigt", "low"],
        ["LL"] = ["très bas (critique)", "zeer laag (kritiek)", "stark erniedrigt (kritisch)", "critically low"],
        ["A"] = ["anormal", "afwijkend", "auffällig", "abnormal"],
        ["AA"] = ["critique", "kritiek", "kritisch", "critical"],
        ["N"] = ["normal", "normaal", "normal", "normal"],
        ["POS"] = ["positif", "positief", "positiv", "positive"],
        ["NEG"] = ["négatif", "negatief", "negativ", "negative"],
        [">"] = ["au-dessus du seuil", "boven de grens", "über der Grenze", "above limit"],
        ["<"] = ["sous le seuil", "onder de grens", "unter der Grenze", "below limit"],
    };

    public static bool IsAbnormal(string code) => code.Length > 0 && !code.Equals("N", StringComparison.OrdinalIgnoreCase) && !code.Equals("NEG", StringComparison.OrdinalIgnoreCase);

    public static string Describe(string code, CultureInfo culture)
    {
        if (!Meanings.TryGetValue(code, out var words))
        {
            return code;
        }

        var column = culture.TwoLetterISOLanguageName switch { "nl" => 1, "de" => 2, "en" => 3, _ => 0 };
        return code + " (" + words[column] + ")";
    }
}
