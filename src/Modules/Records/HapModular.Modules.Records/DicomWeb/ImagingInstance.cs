using System.Text.Json;
using HapModular.Modules.Records.Documents;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>
/// One visible DICOM instance of a patient: its document row and its DICOM JSON metadata — or, for an instance a QIDO
/// search only counts and orders (<see cref="DicomInstanceIndex.ReadRepresentativesAsync"/>), its summary instead
/// (<see cref="InstanceSummary"/>: study date and description, modality, series and instance numbers, frames); any other
/// attribute of it is an error, never a default.
/// </summary>
internal sealed class ImagingInstance
{
    private readonly string? metadata;
    private readonly InstanceSummary? summary;
    private JsonElement? root;

    public ImagingInstance(StoredDocument document, string metadata)
    {
        Document = document;
        this.metadata = metadata;
    }

    public ImagingInstance(StoredDocument document, InstanceSummary summary)
    {
        Document = document;
        this.summary = summary;
    }

    public StoredDocument Document { get; }

    /// <summary>Whether the whole metadata is here (else only the summary's attributes can be read).</summary>
    public bool IsWhole => metadata is not null;

    public string MetadataJson => metadata ?? throw SummaryOnly();

    public string StudyUid => Document.StudyUid!;

    public string SeriesUid => Document.SeriesUid ?? Document.Id.ToString("N");

    public string SopUid => Document.InstanceUid ?? Document.Id.ToString("N");

    public JsonElement Root => root ??= JsonDocument.Parse(MetadataJson).RootElement;

    /// <summary>An attribute of the instance (DICOM JSON object), if present.</summary>
    public JsonElement? Attribute(string tag) => Root.TryGetProperty(tag, out var a) ? a : null;

    /// <summary>The first value of an attribute as text ("" when absent or empty).</summary>
    public string Text(string tag) => summary is not { } s ? DicomJson.Text(Root, tag) : tag switch
    {
        "00080020" => s.StudyDate,
        "00081030" => s.StudyDescription,
        "00080060" => s.Modality,
        _ => throw SummaryOnly(),
    };

    public int Number(string tag) => summary is not { } s ? DicomJson.Number(Root, tag) : tag switch
    {
        "00200011" => s.SeriesNumber,
        "00200013" => s.InstanceNumber,
        _ => throw SummaryOnly(),
    };

    public int Frames => summary?.Frames ?? DicomJson.Frames(Root);

    private InvalidOperationException SummaryOnly() => new($"Only the summary of instance {SopUid} was read.");
}
