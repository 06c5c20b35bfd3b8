namespace HapModular.Modules.Records.Documents;

/// <summary>The document kinds of the record (also the timeline filter and icon names).</summary>
internal static class DocumentKinds
{
    public const string Report = "report";
    public const string Imaging = "imaging";
    public const string DeviceReport = "device-report";
    public const string Photo = "photo";
    public const string Lab = "lab";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Report, Imaging, DeviceReport, Photo, Lab, Other];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind);

    /// <summary>A sensible kind when the sending system gives none.</summary>
    public static string Infer(string mediaType, string? sopClassUid) => mediaType switch
    {
        // DICOM waveforms (ECG, hemodynamic) are device reports, not images.
        MediaTypes.Dicom when sopClassUid?.StartsWith("1.2.840.10008.5.1.4.1.1.9.", StringComparison.Ordinal) == true => DeviceReport,
        MediaTypes.Dicom => Imaging,
        MediaTypes.Jpeg or MediaTypes.Png or MediaTypes.Heic or MediaTypes.Heif => Photo,
        MediaTypes.Aecg or MediaTypes.ScpEcg or MediaTypes.ContecEcg or MediaTypes.Csv => DeviceReport,
        MediaTypes.Hl7V2 or MediaTypes.FhirJson => Lab,
        MediaTypes.Pdf or MediaTypes.Cda or MediaTypes.Html or MediaTypes.PlainText => Report,
        _ => Other,
    };
}
