using System.Globalization;

namespace HapModular.Viewers.Text;

/// <summary>UI words of the report viewers, French by default; nl, de and en by the reader's culture.</summary>
internal static class Labels
{
    private static readonly WordTable Words = new(new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        // key: fr, nl, de, en
        ["search"] = ["Rechercher dans le rapport", "Zoeken in het verslag", "Im Bericht suchen", "Search the report"],
        ["download"] = ["Télécharger l'original", "Origineel downloaden", "Original herunterladen", "Download the original"],
        ["pdf"] = ["Document PDF", "PDF-document", "PDF-Dokument", "PDF document"],
        ["date"] = ["Date", "Datum", "Datum", "Date"],
        ["author"] = ["Auteur", "Auteur", "Autor", "Author"],
        ["patient"] = ["Patient", "Patiënt", "Patient", "Patient"],
        ["status"] = ["Statut", "Status", "Status", "Status"],
        ["test"] = ["Analyse", "Test", "Untersuchung", "Test"],
        ["value"] = ["Résultat", "Resultaat", "Ergebnis", "Result"],
        ["units"] = ["Unités", "Eenheden", "Einheiten", "Units"],
        ["range"] = ["Valeurs de référence", "Referentiewaarden", "Referenzbereich", "Reference range"],
        ["flag"] = ["Indicateur", "Vlag", "Kennzeichen", "Flag"],
        ["abnormal"] = ["Anormal", "Afwijkend", "Auffällig", "Abnormal"],
        ["results"] = ["Résultats", "Resultaten", "Ergebnisse", "Results"],
        ["conclusion"] = ["Conclusion", "Besluit", "Beurteilung", "Conclusion"],
        ["attachments"] = ["Pièces jointes", "Bijlagen", "Anhänge", "Attachments"],
        ["external"] = ["Document externe, non joint", "Extern document, niet bijgevoegd", "Externes Dokument, nicht beigefügt", "External document, not attached"],
        ["referenced-file"] = ["Ce document renvoie à un fichier séparé qui n'a pas été transmis :", "Dit document verwijst naar een afzonderlijk bestand dat niet werd meegestuurd:", "Dieses Dokument verweist auf eine separate Datei, die nicht übermittelt wurde:", "This document refers to a separate file that was not sent:"],
        ["multimedia"] = ["Image ou média référencé (non inclus)", "Verwezen afbeelding of media (niet inbegrepen)", "Verwiesenes Bild oder Medium (nicht enthalten)", "Referenced image or media (not included)"],
        ["embedded-cda"] = ["Document CDA joint", "Bijgevoegd CDA-document", "Beigefügtes CDA-Dokument", "Attached CDA document"],
        ["no-results"] = ["Aucun résultat dans ce message.", "Geen resultaten in dit bericht.", "Keine Ergebnisse in dieser Nachricht.", "No results in this message."],
        ["order"] = ["Demande", "Aanvraag", "Auftrag", "Order"],
        ["performer"] = ["Réalisé par", "Uitgevoerd door", "Durchgeführt von", "Performed by"],
        ["description"] = ["Description", "Beschrijving", "Beschreibung", "Description"],
        ["type"] = ["Type", "Type", "Typ", "Type"],
        ["issued"] = ["Émis le", "Uitgegeven op", "Ausgestellt am", "Issued"],
        ["unsupported-attachment"] = ["Pièce jointe d'un type non affichable", "Bijlage van een niet-toonbaar type", "Anhang eines nicht darstellbaren Typs", "Attachment of a type that cannot be shown"],
    });

    public static string Get(CultureInfo culture, string key) => Words.Get(culture, key);
}
