using HapModular.Viewers;

namespace HapModular.Modules.Records.Documents;

/// <summary>The document kinds of the record (also the timeline filter and icon names).</summary>
internal static class DocumentKinds
{
    // The same names the viewer SDK gives plugins for InspectionResult.Kind.
    public const string Report = DocumentKindNames.Report;
    public const string Imaging = DocumentKindNames.Imaging;
    public const string DeviceReport = DocumentKindNames.DeviceReport;
    public const string Photo = DocumentKindNames.Photo;
    public const string Lab = DocumentKindNames.Lab;
    public const string Other = DocumentKindNames.Other;

    public static readonly IReadOnlyList<string> All = [Report, Imaging, DeviceReport, Photo, Lab, Other];

    private static readonly Dictionary<string, string> TextKeys = All.ToDictionary(k => k, k => "Kind." + k, StringComparer.Ordinal);

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind);

    /// <summary>The resource key of the kind's name ("Kind.report"): a page lists many lines, each would build it again.</summary>
    public static string TextKey(string kind) => TextKeys.GetValueOrDefault(kind) ?? "Kind." + kind;

    /// <summary>
    /// The kind of a new document: the sending system's, else the one its content states (a LOINC document code, an
    /// HL7 diagnostic service section…), else what the format alone says for sure. Message formats that carry any kind
    /// of content (HL7 v2, FHIR, CDA, XML) fall back to <see cref="Other"/>: a wrong specific kind hides a document from
    /// the filter a physician uses to find it.
    /// </summary>
    public static string Decide(string? declared, string? stated, string mediaType, string? sopClassUid) =>
        IsKnown(declared) ? declared! : IsKnown(stated) ? stated! : Infer(mediaType, sopClassUid);

    /// <summary>What the format alone says.</summary>
    public static string Infer(string mediaType, string? sopClassUid) => mediaType switch
    {
        // DICOM waveforms (ECG, hemodynamic) are device reports, not images.
        MediaTypes.Dicom when sopClassUid?.StartsWith("1.2.840.10008.5.1.4.1.1.9.", StringComparison.Ordinal) == true => DeviceReport,
        MediaTypes.Dicom => Imaging,
        MediaTypes.Jpeg or MediaTypes.Png or MediaTypes.Heic or MediaTypes.Heif => Photo,
        MediaTypes.Aecg or MediaTypes.ScpEcg or MediaTypes.ContecEcg or MediaTypes.Csv => DeviceReport,
        MediaTypes.Pdf or MediaTypes.Html or MediaTypes.PlainText => Report,
        _ => Other,
    };
}
