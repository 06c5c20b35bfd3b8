using System.Globalization;

namespace HapModular.Viewers.Dicom;

/// <summary>The few words the server-side HTML shows, in French by default, Dutch, German or English.</summary>
internal static class Labels
{
    private static readonly Dictionary<string, string[]> Words = new()
    {
        // key: fr, nl, de, en
        ["image"] = ["Image DICOM", "DICOM-beeld", "DICOM-Bild", "DICOM image"],
        ["report"] = ["Rapport structuré", "Gestructureerd verslag", "Strukturierter Befund", "Structured report"],
        ["complete"] = ["Complet", "Volledig", "Vollständig", "Complete"],
        ["partial"] = ["Partiel", "Gedeeltelijk", "Unvollständig", "Partial"],
        ["verified"] = ["Vérifié", "Geverifieerd", "Verifiziert", "Verified"],
        ["unverified"] = ["Non vérifié", "Niet geverifieerd", "Nicht verifiziert", "Unverified"],
        ["reference"] = ["Référence", "Referentie", "Referenz", "Reference"],
        ["frames"] = ["images", "beelden", "Bilder", "frames"],
    };

    public static string Get(string key, CultureInfo culture)
    {
        var index = culture.TwoLetterISOLanguageName switch
        {
            "nl" => 1,
            "de" => 2,
            "en" => 3,
            _ => 0,
        };
        return Words[key][index];
    }
}
