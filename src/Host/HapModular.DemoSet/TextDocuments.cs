using System.Globalization;
using System.Text;

namespace HapModular.DemoSet;

/// <summary>
/// The demo's text documents, written here: a discharge letter (plain text), a consultation report (HTML), a CDA
/// document with its narrative, an HL7 v2.5 ORU^R01 laboratory result, a FHIR R4 DiagnosticReport and an ndd
/// EasyOne spirometry export (CSV). Values are plausible and synthetic.
/// </summary>
internal static class TextDocuments
{
    public static (string, byte[]) Discharge(DemoPerson p, DateTimeOffset date) => ("lettre-de-sortie.txt", Utf8($"""
        CHU Ambroise Paré — Service de médecine interne (démo)
        Lettre de sortie — {p.FirstName} {p.LastName}, née/né le {p.BirthDate:dd/MM/yyyy}
        Hospitalisation du {date.AddDays(-4):dd/MM/yyyy} au {date:dd/MM/yyyy}.

        Motif : dyspnée d'effort et douleur thoracique atypique.
        Examens : scanner thoracique (nodule de 2 cm du lobe supérieur droit), ECG 12 dérivations en rythme sinusal
        à 70/min, spirométrie (syndrome obstructif léger), échocardiographie (fonction systolique conservée).
        Traitement de sortie : bronchodilatateur inhalé ; contrôle scanner dans 3 mois.

        Dr Claire Martin, médecine interne (document de démonstration, patient fictif).
        """));

    public static (string, byte[]) Consultation(DemoPerson p, DateTimeOffset date) => ("consultation-cardiologie.html", Utf8($"""
        <!DOCTYPE html>
        <html lang="fr"><head><meta charset="utf-8"><title>Consultation de cardiologie</title></head>
        <body><h1>Consultation de cardiologie</h1>
        <p><strong>Patient :</strong> {p.FirstName} {p.LastName} — <strong>date :</strong> {date:dd/MM/yyyy}</p>
        <h2>Conclusion</h2><ul><li>ECG : rythme sinusal, pas de trouble de la repolarisation.</li>
        <li>Échocardiographie : FEVG 60 %, pas de valvulopathie significative.</li></ul>
        <p>Dr Jean Dupont, cardiologue (démo).</p></body></html>
        """));

    public static (string, byte[]) Cda(DemoPerson p, DateTimeOffset date) => ("compte-rendu-imagerie.cda.xml", Utf8($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <ClinicalDocument xmlns="urn:hl7-org:v3">
          <typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>
          <id root="{Dicom.Writing.DicomUids.For("cda/" + p.LastName + date.ToString("o", CultureInfo.InvariantCulture))}"/>
          <code code="18748-4" codeSystem="2.16.840.1.113883.6.1" displayName="Diagnostic imaging study"/>
          <title>Compte rendu de scanner thoracique</title>
          <effectiveTime value="{date:yyyyMMddHHmm}"/>
          <confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25"/>
          <languageCode code="fr-BE"/>
          <recordTarget><patientRole><patient><name><given>{p.FirstName}</given><family>{p.LastName}</family></name>
            <administrativeGenderCode code="{p.Sex}" codeSystem="2.16.840.1.113883.5.1"/><birthTime value="{p.BirthDate:yyyyMMdd}"/></patient></patientRole></recordTarget>
          <author><time value="{date:yyyyMMddHHmm}"/><assignedAuthor><id extension="demo" root="2.16.840.1.113883.3"/>
            <assignedPerson><name><prefix>Dr</prefix><given>Luc</given><family>Claes</family></name></assignedPerson></assignedAuthor></author>
          <component><structuredBody>
            <component><section><title>Indication</title><text>Dyspnée d'effort, bilan d'un nodule.</text></section></component>
            <component><section><title>Résultats</title><text><list>
              <item>Nodule tissulaire de 20 mm du lobe supérieur droit, contours réguliers.</item>
              <item>Pas d'adénopathie médiastinale ; pas d'épanchement pleural.</item></list></text></section></component>
            <component><section><title>Conclusion</title><text>Nodule isolé de 2 cm : contrôle à 3 mois proposé.</text></section></component>
          </structuredBody></component>
        </ClinicalDocument>
        """));

    public static (string, byte[]) Oru(DemoPerson p, DateTimeOffset date)
    {
        var t = date.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        var lines = new[]
        {
            $@"MSH|^~\&|LABO|CHUAP|HAP|CHUAP|{t}||ORU^R01^ORU_R01|DEMO{t}|P|2.5|||||BEL|UNICODE UTF-8",
            $"PID|1||DEMO-{p.BirthDate:yyyyMMdd}^^^CHUAP^PI||{p.LastName.ToUpperInvariant()}^{p.FirstName}||{p.BirthDate:yyyyMMdd}|{p.Sex}",
            $"OBR|1||L{t}|24323-8^Bilan métabolique^LN|||{t}|||||||||||||||{t}||CH|F",
            "OBX|1|NM|2345-7^Glucose^LN||5.4|mmol/L|3.9-5.8|N|||F",
            "OBX|2|NM|2160-0^Créatinine^LN||112|µmol/L|45-90|H|||F",
            "OBX|3|NM|2951-2^Sodium^LN||139|mmol/L|135-145|N|||F",
            "OBX|4|NM|2823-3^Potassium^LN||3.2|mmol/L|3.5-5.1|L|||F",
            "OBX|5|NM|718-7^Hémoglobine^LN||13.1|g/dL|12.0-16.0|N|||F",
        };
        return ("biologie.hl7", Utf8(string.Join('\r', lines) + "\r"));
    }

    public static (string, byte[]) Fhir(DemoPerson p, DateTimeOffset date) => ("hemogramme.fhir.json", Utf8($$"""
        {
          "resourceType": "DiagnosticReport",
          "status": "final",
          "code": { "coding": [{ "system": "http://loinc.org", "code": "58410-2", "display": "CBC panel" }], "text": "Hémogramme" },
          "subject": { "display": "{{p.FirstName}} {{p.LastName}}" },
          "effectiveDateTime": "{{date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}}",
          "conclusion": "Hémogramme normal (démo).",
          "contained": [
            { "resourceType": "Observation", "id": "hb", "status": "final", "code": { "text": "Hémoglobine" }, "valueQuantity": { "value": 13.1, "unit": "g/dL" } },
            { "resourceType": "Observation", "id": "wbc", "status": "final", "code": { "text": "Leucocytes" }, "valueQuantity": { "value": 6.8, "unit": "10*9/L" } }
          ],
          "result": [{ "reference": "#hb" }, { "reference": "#wbc" }]
        }
        """));

    public static (string, byte[]) Spirometry(DateTimeOffset date)
    {
        string[] parameters = ["FEV1", "FVC", "FEV1_FVC", "FEV6", "PEFR", "FEF2575"];
        (double Value, string Units, double Pred, double Lln)[] values =
            [(2.31, "L", 2.74, 2.12), (3.42, "L", 3.36, 2.65), (67.5, "%", 79.8, 69.7), (3.30, "L", 3.20, 2.55), (5.9, "L/s", 6.4, 4.9), (1.62, "L/s", 2.61, 1.70)];
        var header = new StringBuilder("nddTestID,testDate,testType,testStage,deviceID");
        var row = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"DEMO-{date:yyyyMMdd}-1,{date:yyyy-MM-dd},FVC,Pre,EasyOne-DEMO"));
        for (var i = 0; i < parameters.Length; i++)
        {
            header.Append(CultureInfo.InvariantCulture, $",{parameters[i]}_value_1,{parameters[i]}_units,{parameters[i]}_pred,{parameters[i]}_lln");
            row.Append(CultureInfo.InvariantCulture, $",{values[i].Value},{values[i].Units},{values[i].Pred},{values[i].Lln}");
        }

        return ("spirometrie.csv", Utf8(header + "\n" + row + "\n"));
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
