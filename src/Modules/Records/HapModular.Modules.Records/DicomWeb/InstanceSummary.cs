using System.Text.Json;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>
/// What the imaging workspace needs of an instance to list the patient's studies and to open a study on its first image,
/// kept beside its DICOM JSON in <c>records.dicom_instances</c> when it is indexed (V003): the workspace reads these few
/// columns, not every instance's whole metadata (3 kB each: a patient with ten 500-slice CT studies is 15 MB of JSON to
/// read and parse at every opening). Values as <see cref="DicomJson"/> reads them from the metadata: "" and 0 when absent.
/// </summary>
internal sealed record InstanceSummary(string StudyDate, string StudyDescription, string Modality, int SeriesNumber, int InstanceNumber, int Frames)
{
    public static InstanceSummary From(string metadataJson)
    {
        using var document = JsonDocument.Parse(metadataJson);
        var root = document.RootElement;
        return new InstanceSummary(
            DicomJson.Text(root, "00080020"),
            DicomJson.Text(root, "00081030"),
            DicomJson.Text(root, "00080060"),
            DicomJson.Number(root, "00200011"),
            DicomJson.Number(root, "00200013"),
            DicomJson.Frames(root));
    }
}
