using System.Globalization;

namespace HapModular.Viewers.Dicom;

/// <summary>The few words the server-side HTML shows, in French by default, Dutch, German or English.</summary>
internal static class Labels
{
    private static readonly WordTable Words = new(new Dictionary<string, string[]>(StringComparer.Ordinal)
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
    });

    public static string Get(string key, CultureInfo culture) => Words.Get(culture, key);
}
