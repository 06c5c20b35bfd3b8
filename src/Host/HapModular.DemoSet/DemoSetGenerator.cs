
namespace HapModular.DemoSet;

/// <summary>
/// The project's demo set, generated (nothing downloaded, nothing copied): for the patient shown in the demo, a CT
/// (120 slices) and an MR (104 slices) written by the project's DICOM writer, an echocardiography loop, a 12-lead ECG
/// (aECG), a spirometry export, photos before/after, a CDA report, an HL7 v2 result, a FHIR report, an HTML and a
/// plain-text report and a PDF — one document at least for every viewer. Other patients get a few text documents.
/// Deterministic: the same patient always gets the same bytes (README.md beside this file lists the set).
/// </summary>
public sealed class DemoSetGenerator : IDemoDocumentSource
{
    private const string Ct = "1.2.840.10008.5.1.4.1.1.2";
    private const string Mr = "1.2.840.10008.5.1.4.1.1.4";

    /// <inheritdoc />
    public IReadOnlyList<DemoDocument> For(DemoPerson person, bool full)
    {
        ArgumentNullException.ThrowIfNull(person);
        // Dates a few months back from a fixed day, so the set is the same whatever the day it is generated.
        var day = new DateTimeOffset(2026, 9, 14, 8, 30, 0, TimeSpan.FromHours(2));
        var docs = new List<DemoDocument>
        {
            Doc(TextDocuments.Discharge(person, day.AddDays(5)), "report", "Médecine interne", "Dr Claire Martin", day.AddDays(5)),
            Doc(TextDocuments.Oru(person, day.AddDays(-2)), "lab", "Laboratoire", "Dr Marc Laurent", day.AddDays(-2)),
        };
        if (!full)
        {
            return docs;
        }

        docs.Add(Doc(TextDocuments.Consultation(person, day.AddDays(1)), "report", "Cardiologie", "Dr Jean Dupont", day.AddDays(1)));
        docs.Add(Doc(TextDocuments.Cda(person, day), "report", "Radiologie", "Dr Luc Claes", day.AddHours(3)));
        docs.Add(Doc(TextDocuments.Fhir(person, day.AddDays(-2)), "lab", "Biologie clinique", "Dr Marc Laurent", day.AddDays(-2).AddHours(1)));
        docs.Add(Doc(TextDocuments.Spirometry(day.AddDays(2)), "device-report", "Pneumologie", "Dr Sophie Wouters", day.AddDays(2)));
        docs.Add(Doc(Pdf.Report(person, day.AddDays(2)), "report", "Pneumologie", "Dr Sophie Wouters", day.AddDays(2).AddHours(1)));
        docs.Add(Doc(Ecg.Write(day.AddDays(1)), "device-report", "Cardiologie", "Dr Jean Dupont", day.AddDays(1)));
        docs.Add(Doc(UltrasoundCine.Write(person, day.AddDays(1).AddHours(1)), "imaging", "Cardiologie", "Dr Jean Dupont", day.AddDays(1).AddHours(1)));
        docs.Add(Doc(Photos.Before(), "photo", "Dermatologie", "Dr Anne Peeters", day.AddDays(-60)));
        docs.Add(Doc(Photos.After(), "photo", "Dermatologie", "Dr Anne Peeters", day.AddDays(3)));

        var chest = new SeriesPlan("ct-thorax", "CT", Ct, "Scanner thoracique sans injection", Phantom.Chest, 256, 1.5, 120, 2.5, -1024, [40, -600], [400, 1500], ["MEDIASTIN", "POUMON"], "CHEST");
        docs.AddRange(SeriesWriter.Write(chest, person, day).Select(f => Doc(f, "imaging", "Radiologie", "Dr Luc Claes", day)));
        var head = new SeriesPlan("irm-cerebrale", "MR", Mr, "IRM cérébrale T1", Phantom.Head, 256, 0.9, 104, 2, 0, [600], [1200], ["T1"], "HEAD");
        docs.AddRange(SeriesWriter.Write(head, person, day.AddDays(-30)).Select(f => Doc(f, "imaging", "Radiologie", "Dr Luc Claes", day.AddDays(-30))));
        return docs;
    }

    private static DemoDocument Doc((string FileName, byte[] Content) file, string kind, string department, string author, DateTimeOffset date) =>
        new(file.FileName, kind, department, author, date, file.Content);
}
