namespace HapModular.Viewers.Dicom;

/// <summary>The SOP classes this viewer declares, and those it leaves to other viewers.</summary>
internal static class SopClasses
{
    public const string EncapsulatedPdf = "1.2.840.10008.5.1.4.1.1.104.1";

    public static readonly string[] Images =
    [
        "1.2.840.10008.5.1.4.1.1.1", // CR
        "1.2.840.10008.5.1.4.1.1.1.1", // DX for presentation
        "1.2.840.10008.5.1.4.1.1.1.1.1", // DX for processing
        "1.2.840.10008.5.1.4.1.1.1.2", // MG for presentation
        "1.2.840.10008.5.1.4.1.1.1.2.1", // MG for processing
        "1.2.840.10008.5.1.4.1.1.1.3", // intra-oral X-ray
        "1.2.840.10008.5.1.4.1.1.2", // CT
        "1.2.840.10008.5.1.4.1.1.2.1", // enhanced CT
        "1.2.840.10008.5.1.4.1.1.3.1", // US multi-frame
        "1.2.840.10008.5.1.4.1.1.4", // MR
        "1.2.840.10008.5.1.4.1.1.4.1", // enhanced MR
        "1.2.840.10008.5.1.4.1.1.6.1", // US
        "1.2.840.10008.5.1.4.1.1.7", // secondary capture
        "1.2.840.10008.5.1.4.1.1.7.1", // SC multi-frame single bit
        "1.2.840.10008.5.1.4.1.1.7.2", // SC multi-frame grayscale byte
        "1.2.840.10008.5.1.4.1.1.7.3", // SC multi-frame grayscale word
        "1.2.840.10008.5.1.4.1.1.7.4", // SC multi-frame true colour
        "1.2.840.10008.5.1.4.1.1.12.1", // XA
        "1.2.840.10008.5.1.4.1.1.12.1.1", // enhanced XA
        "1.2.840.10008.5.1.4.1.1.12.2", // XRF
        "1.2.840.10008.5.1.4.1.1.13.1.1", // X-ray 3D angiographic
        "1.2.840.10008.5.1.4.1.1.13.1.3", // breast tomosynthesis
        "1.2.840.10008.5.1.4.1.1.20", // NM
        "1.2.840.10008.5.1.4.1.1.66.4", // segmentation
        "1.2.840.10008.5.1.4.1.1.77.1.1", // VL endoscopic
        "1.2.840.10008.5.1.4.1.1.77.1.2", // VL microscopic
        "1.2.840.10008.5.1.4.1.1.77.1.4", // VL photographic
        "1.2.840.10008.5.1.4.1.1.77.1.5.1", // ophthalmic photography 8 bit
        "1.2.840.10008.5.1.4.1.1.77.1.5.2", // ophthalmic photography 16 bit
        "1.2.840.10008.5.1.4.1.1.77.1.6", // VL whole slide microscopy
        "1.2.840.10008.5.1.4.1.1.128", // PET
        "1.2.840.10008.5.1.4.1.1.130", // enhanced PET
        "1.2.840.10008.5.1.4.1.1.481.1", // RT image
        "1.2.840.10008.5.1.4.1.1.481.2", // RT dose
    ];

    public static readonly string[] StructuredReports =
    [
        "1.2.840.10008.5.1.4.1.1.88.11", // basic text SR
        "1.2.840.10008.5.1.4.1.1.88.22", // enhanced SR
        "1.2.840.10008.5.1.4.1.1.88.33", // comprehensive SR
        "1.2.840.10008.5.1.4.1.1.88.34", // comprehensive 3D SR
        "1.2.840.10008.5.1.4.1.1.88.50", // mammography CAD SR
        "1.2.840.10008.5.1.4.1.1.88.59", // key object selection
        "1.2.840.10008.5.1.4.1.1.88.67", // X-ray radiation dose SR
    ];

    public static IReadOnlyList<string> Declared { get; } = [.. Images, .. StructuredReports, EncapsulatedPdf];

    /// <summary>Waveforms (ECG, hemodynamic, audio…) belong to the device-report viewer.</summary>
    public static bool IsWaveform(string? uid) => uid is not null && uid.StartsWith("1.2.840.10008.5.1.4.1.1.9.", StringComparison.Ordinal);

    public static bool IsStructuredReport(string? uid) => uid is not null && uid.StartsWith("1.2.840.10008.5.1.4.1.1.88.", StringComparison.Ordinal);
}
