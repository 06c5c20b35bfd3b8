namespace HapModular.Viewers;

/// <summary>
/// The patient a document names in its own content (ABI 1.2): DICOM Patient's Name/Birth Date/ID, CDA
/// <c>recordTarget</c>, HL7 v2 PID, aECG subject, FHIR Patient or subject, EXIF owner. The record compares it with
/// the patient the document was filed under, so a misfiled document shows. It is patient data: never log it.
/// </summary>
public sealed record FileIdentity
{
    /// <summary>
    /// The name as the file writes it. Structured names use the DICOM PN / HL7 XPN order with <c>^</c> between
    /// components (<c>family^given^middle^prefix^suffix</c>); free text (e.g. EXIF) is kept as written.
    /// </summary>
    public string? Name { get; init; }

    /// <summary>The birth date the file gives, or null when it gives none (or an unreadable one, see <see cref="InspectionResult.Warnings"/>).</summary>
    public DateOnly? BirthDate { get; init; }

    /// <summary>The patient identifier the file gives (e.g. DICOM Patient ID, PID-3, CDA <c>patientRole/id/@extension</c>).</summary>
    public string? Id { get; init; }

    /// <summary>Where in the file the identity was read, for the reader (e.g. <c>DICOM</c>, <c>CDA recordTarget</c>, <c>HL7 PID</c>, <c>EXIF Artist</c>).</summary>
    public string? Source { get; init; }

    /// <summary>Whether the file names anyone at all (a name, a birth date or an id).</summary>
    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && BirthDate is null && string.IsNullOrWhiteSpace(Id);
}

/// <summary>
/// The record's document kinds (ABI 1.2), for <see cref="InspectionResult.Kind"/>. A viewer names one only when the
/// content says so (a LOINC document code, an HL7 diagnostic service section, a DICOM SOP class); otherwise it leaves
/// the kind null and the record decides ("other" rather than a wrong specific kind).
/// </summary>
public static class DocumentKindNames
{
    /// <summary>A clinical report or letter (discharge summary, imaging report, consultation note).</summary>
    public const string Report = "report";

    /// <summary>Medical images (DICOM image objects).</summary>
    public const string Imaging = "imaging";

    /// <summary>Device recordings (ECG, spirometry, waveforms).</summary>
    public const string DeviceReport = "device-report";

    /// <summary>Clinical photographs.</summary>
    public const string Photo = "photo";

    /// <summary>Laboratory results.</summary>
    public const string Lab = "lab";

    /// <summary>Anything else (administrative documents, advance directives, unknown content).</summary>
    public const string Other = "other";
}
