using System.Globalization;

namespace HapModular.Viewers.DeviceReports;

/// <summary>UI words of the device-report viewers, French by default; nl, de and en by the reader's culture.</summary>
internal static class Labels
{
    private static readonly WordTable Words = new(new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        // key: fr, nl, de, en
        ["ecg"] = ["Électrocardiogramme", "Elektrocardiogram", "Elektrokardiogramm", "Electrocardiogram"],
        ["ecg-alt"] = ["Tracé ECG sur papier millimétré", "ECG-tracé op millimeterpapier", "EKG-Kurve auf Millimeterpapier", "ECG trace on grid paper"],
        ["acquired"] = ["Enregistré le", "Opgenomen op", "Aufgezeichnet am", "Recorded on"],
        ["device"] = ["Appareil", "Toestel", "Gerät", "Device"],
        ["speed"] = ["25 mm/s · 10 mm/mV", "25 mm/s · 10 mm/mV", "25 mm/s · 10 mm/mV", "25 mm/s · 10 mm/mV"],
        ["sampling"] = ["Échantillonnage", "Bemonstering", "Abtastrate", "Sampling"],
        ["leads"] = ["Dérivations", "Afleidingen", "Ableitungen", "Leads"],
        ["measurements"] = ["Mesures", "Metingen", "Messwerte", "Measurements"],
        ["interpretation"] = ["Interprétation de l'appareil", "Interpretatie door het toestel", "Befund des Geräts", "Device interpretation"],
        ["hr"] = ["Fréquence cardiaque", "Hartfrequentie", "Herzfrequenz", "Heart rate"],
        ["hr-estimated"] = ["Fréquence cardiaque (estimée du tracé)", "Hartfrequentie (geschat uit tracé)", "Herzfrequenz (aus der Kurve geschätzt)", "Heart rate (estimated from the trace)"],
        ["pr"] = ["PR", "PR", "PR", "PR"],
        ["qrs"] = ["QRS", "QRS", "QRS", "QRS"],
        ["qt"] = ["QT", "QT", "QT", "QT"],
        ["qtc"] = ["QTc", "QTc", "QTc", "QTc"],
        ["rate-mismatch"] = ["Attention : le tracé montre {0} complexes QRS en {1:0} s, alors que la fréquence déclarée ({2}/min) en ferait environ {3:0}. L'échantillonnage indiqué dans le fichier est peut-être erroné ; vérifiez sur l'original.", "Let op: het tracé toont {0} QRS-complexen in {1:0} s, terwijl de opgegeven frequentie ({2}/min) er ongeveer {3:0} zou geven. De bemonstering in het bestand is mogelijk fout; controleer het origineel.", "Achtung: die Kurve zeigt {0} QRS-Komplexe in {1:0} s, die angegebene Frequenz ({2}/min) ergäbe etwa {3:0}. Die Abtastrate in der Datei ist möglicherweise falsch; bitte das Original prüfen.", "Caution: the trace shows {0} QRS complexes in {1:0} s, while the stated rate ({2}/min) would give about {3:0}. The sampling rate in the file may be wrong; check the original."],
        ["zoom-in"] = ["Agrandir", "Inzoomen", "Vergrößern", "Zoom in"],
        ["zoom-out"] = ["Réduire", "Uitzoomen", "Verkleinern", "Zoom out"],
        ["spiro"] = ["Spirométrie", "Spirometrie", "Spirometrie", "Spirometry"],
        ["test-date"] = ["Date", "Datum", "Datum", "Date"],
        ["test-type"] = ["Manœuvre", "Manoeuvre", "Manöver", "Manoeuvre"],
        ["stage"] = ["Phase", "Fase", "Phase", "Stage"],
        ["measured"] = ["Mesuré", "Gemeten", "Gemessen", "Measured"],
        ["predicted"] = ["Prédit", "Voorspeld", "Soll", "Predicted"],
        ["lln"] = ["LIN", "LLN", "LLN", "LLN"],
        ["percent"] = ["% prédit", "% voorspeld", "% Soll", "% predicted"],
        ["below-lln"] = ["sous la limite inférieure", "onder de ondergrens", "unter der Normgrenze", "below the lower limit"],
        ["trend"] = ["Évolution du VEMS et de la CVF", "Evolutie van FEV1 en FVC", "Verlauf von FEV1 und FVC", "FEV1 and FVC over time"],
        ["no-curve"] = ["Le fichier ne contient pas les courbes débit-volume ; seules les valeurs sont affichées.", "Het bestand bevat geen flow-volumecurven; enkel de waarden worden getoond.", "Die Datei enthält keine Fluss-Volumen-Kurven; nur die Werte werden gezeigt.", "The file holds no flow-volume curves; only the values are shown."],
        ["no-values"] = ["pas de valeurs spirométriques", "geen spirometrische waarden", "keine spirometrischen Werte", "no spirometric values"],
    });

    public static string Get(CultureInfo culture, string key) => Words.Get(culture, key);
}
