using System.Text.Json;
using HapModular.Modules.Records.Documents;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>One visible DICOM instance of a patient: its document row and its DICOM JSON metadata.</summary>
internal sealed class ImagingInstance(StoredDocument document, string metadata)
{
    private JsonElement? root;

    public StoredDocument Document { get; } = document;

    public string MetadataJson { get; } = metadata;

    public string StudyUid => Document.StudyUid!;

    public string SeriesUid => Document.SeriesUid ?? Document.Id.ToString("N");

    public string SopUid => Document.InstanceUid ?? Document.Id.ToString("N");

    public JsonElement Root => root ??= JsonDocument.Parse(MetadataJson).RootElement;

    /// <summary>An attribute of the instance (DICOM JSON object), if present.</summary>
    public JsonElement? Attribute(string tag) => Root.TryGetProperty(tag, out var a) ? a : null;

    /// <summary>The first value of an attribute as text ("" when absent or empty).</summary>
    public string Text(string tag) => DicomJson.Text(Root, tag);

    public int Number(string tag) => DicomJson.Number(Root, tag);

    public int Frames => DicomJson.Frames(Root);
}
