using System.Text.Json;
using Npgsql;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>
/// What the imaging workspace needs of an instance to list the patient's studies and to open a study on its first image,
/// kept beside its DICOM JSON in <c>records.dicom_instances</c> when it is indexed (V003): the workspace reads these few
/// columns, not every instance's whole metadata (3 kB each: a patient with ten 500-slice CT studies is 15 MB of JSON to
/// read and parse at every opening). Values as <see cref="DicomJson"/> reads them from the metadata: "" and 0 when absent.
/// </summary>
internal sealed record InstanceSummary(string StudyDate, string StudyDescription, string Modality, int SeriesNumber, int InstanceNumber, int Frames)
{
    /// <summary>The summary's columns of <c>records.dicom_instances</c> (alias <c>i</c>), in the order <see cref="Read"/> reads them.</summary>
    public const string Columns = "i.study_date, i.study_description, i.modality, i.series_number, i.instance_number, i.frames";

    /// <summary>The summary from <see cref="Columns"/>, starting at <paramref name="first"/> (a current summary: none is null).</summary>
    public static InstanceSummary Read(NpgsqlDataReader reader, int first) => new(
        reader.GetString(first),
        reader.GetString(first + 1),
        reader.GetString(first + 2),
        reader.GetInt32(first + 3),
        reader.GetInt32(first + 4),
        reader.GetInt32(first + 5));

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
