using System.Globalization;

namespace HapModular.Viewers.Photos;

/// <summary>UI words, French by default; nl, de and en by the reader's culture.</summary>
internal static class Labels
{
    private static readonly WordTable Words = new(new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        // key: fr, nl, de, en
        ["photo"] = ["Photo clinique", "Klinische foto", "Klinisches Foto", "Clinical photo"],
        ["taken"] = ["Prise le", "Genomen op", "Aufgenommen am", "Taken on"],
        ["undated"] = ["Date de prise inconnue", "Datum onbekend", "Aufnahmedatum unbekannt", "Date taken unknown"],
        ["pixels"] = ["pixels", "pixels", "Pixel", "pixels"],
        ["zoom-in"] = ["Agrandir", "Inzoomen", "Vergrößern", "Zoom in"],
        ["zoom-out"] = ["Réduire", "Uitzoomen", "Verkleinern", "Zoom out"],
        ["heif-not-displayable"] =
        [
            "Les photos HEIC/HEIF ne peuvent pas être affichées sur ce serveur (aucun décodeur HEIF maintenu n'est disponible) ; téléchargez l'original pour la voir.",
            "HEIC/HEIF-foto's kunnen op deze server niet worden weergegeven (geen onderhouden HEIF-decoder beschikbaar); download het origineel om ze te bekijken.",
            "HEIC/HEIF-Fotos können auf diesem Server nicht angezeigt werden (kein gepflegter HEIF-Decoder verfügbar); laden Sie das Original herunter, um es anzusehen.",
            "HEIC/HEIF photos cannot be displayed on this server (no maintained HEIF decoder is available); download the original to view it.",
        ],
        ["location"] = ["Position GPS enregistrée dans la photo :", "GPS-positie opgeslagen in de foto:", "In der Aufnahme gespeicherte GPS-Position:", "GPS position recorded in the photo:"],
        ["location-kept"] =
        [
            "Elle est retirée des images affichées ici, mais le fichier original téléchargé la contient : ne le transmettez pas sans l'accord du patient.",
            "Ze is verwijderd uit de hier getoonde beelden, maar het gedownloade originele bestand bevat ze: stuur het niet door zonder akkoord van de patiënt.",
            "Sie ist aus den hier angezeigten Bildern entfernt, aber die heruntergeladene Originaldatei enthält sie: ohne Zustimmung des Patienten nicht weitergeben.",
            "It is removed from the images shown here, but the downloaded original file contains it: do not forward it without the patient's consent.",
        ],
        ["reset"] = ["Taille d'origine", "Oorspronkelijke grootte", "Originalgröße", "Reset"],
    });

    public static string Get(CultureInfo culture, string key) => Words.Get(culture, key);
}
