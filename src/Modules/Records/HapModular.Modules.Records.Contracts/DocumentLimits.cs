namespace HapModular.Modules.Records.Contracts;

/// <summary>
/// The largest document Records files, the one limit every way in applies before reading a body (the ingestion API,
/// the DICOM SCP, FHIR submissions): configured by <see cref="Setting"/>, <see cref="DefaultMaxBytes"/> otherwise.
/// </summary>
public static class DocumentLimits
{
    /// <summary>The configuration key (bytes).</summary>
    public const string Setting = "Records:MaxDocumentBytes";

    /// <summary>64 MiB: a long CT series instance, a scanned report, an ECG export fit; a disk-filling upload does not.</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;
}
