namespace HapModular.Viewers;

/// <summary>What a viewer learned from a document at ingestion.</summary>
public sealed record InspectionResult
{
    /// <summary>Whether the content could be read. When false, <see cref="FailureReason"/> says why.</summary>
    public bool Succeeded { get; init; } = true;

    /// <summary>Why the content could not be read (no document content in the text).</summary>
    public string? FailureReason { get; init; }

    /// <summary>A title found in the content (e.g. CDA title, DICOM study description).</summary>
    public string? Title { get; init; }

    /// <summary>
    /// The clinical date found in the content (e.g. DICOM study date, CDA effective time), or null when the content
    /// gives none: the host then records the date as unknown, never the ingestion time.
    /// </summary>
    public DateTimeOffset? ClinicalDate { get; init; }

    /// <summary>A small preview image (PNG or JPEG, at most 256 pixels on its longer side), or null.</summary>
    public byte[]? Thumbnail { get; init; }

    /// <summary>The media type of <see cref="Thumbnail"/> (<c>image/png</c> or <c>image/jpeg</c>).</summary>
    public string? ThumbnailMediaType { get; init; }

    /// <summary>
    /// Further keys the record stores beside the document, by well-known name (see <see cref="InspectionKeys"/>),
    /// e.g. the DICOM study and series UIDs used to group imaging.
    /// </summary>
    public IReadOnlyDictionary<string, string> Keys { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Whether this server can display the content (ABI 1.1). <see langword="false"/> with <see cref="Succeeded"/>
    /// <see langword="true"/> means the content is intact but no decoder here can show it (e.g. HEIC without a
    /// HEVC decoder): the host keeps the document, shows a "cannot display" card with <see cref="DisplayReason"/>
    /// and offers the original for download. Viewers built for ABI 1.0 never set it, so it defaults to true.
    /// </summary>
    public bool Displayable { get; init; } = true;

    /// <summary>Why an intact document cannot be displayed here (set with <see cref="Displayable"/> false); no document content.</summary>
    public string? DisplayReason { get; init; }

    /// <summary>
    /// The patient the content names (ABI 1.2), or null when the content names nobody. Viewers built for older ABIs
    /// may still put <see cref="InspectionKeys.PatientName"/>, <see cref="InspectionKeys.PatientBirthDate"/> and
    /// <see cref="InspectionKeys.PatientId"/> in <see cref="Keys"/>; the host reads those when this is null.
    /// </summary>
    public FileIdentity? Identity { get; init; }

    /// <summary>
    /// The document kind the content itself states (ABI 1.2), one of <see cref="DocumentKindNames"/>, or null when the
    /// content does not say. Never guessed from the format alone: a wrong specific kind hides a document from its filter.
    /// </summary>
    public string? Kind { get; init; }

    /// <summary>Non-fatal problems met while reading (e.g. "element read past the end; kept what was read").</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>A failed inspection.</summary>
    /// <param name="reason">Why the content could not be read.</param>
    /// <returns>The result.</returns>
    public static InspectionResult Failed(string reason) => new() { Succeeded = false, FailureReason = reason };

    /// <summary>
    /// Content that is intact (the host stores it) but that this server cannot display (ABI 1.1). Use
    /// <see cref="Failed"/> instead when the content is corrupt or truncated: the host refuses that at ingestion.
    /// </summary>
    /// <param name="reason">Why it cannot be displayed here, shown beside the download link (no document content).</param>
    /// <returns>The result (<see cref="Succeeded"/> true, <see cref="Displayable"/> false).</returns>
    public static InspectionResult NotDisplayable(string reason) => new() { Displayable = false, DisplayReason = reason };
}

/// <summary>Well-known names in <see cref="InspectionResult.Keys"/>.</summary>
public static class InspectionKeys
{
    /// <summary>DICOM Study Instance UID.</summary>
    public const string StudyInstanceUid = "dicom.studyInstanceUid";

    /// <summary>DICOM Series Instance UID.</summary>
    public const string SeriesInstanceUid = "dicom.seriesInstanceUid";

    /// <summary>DICOM SOP Instance UID.</summary>
    public const string SopInstanceUid = "dicom.sopInstanceUid";

    /// <summary>DICOM SOP Class UID.</summary>
    public const string SopClassUid = "dicom.sopClassUid";

    /// <summary>DICOM modality (CT, MR, US…).</summary>
    public const string Modality = "dicom.modality";

    /// <summary>DICOM series description.</summary>
    public const string SeriesDescription = "dicom.seriesDescription";

    /// <summary>DICOM series number.</summary>
    public const string SeriesNumber = "dicom.seriesNumber";

    /// <summary>DICOM body part examined.</summary>
    public const string BodyPart = "dicom.bodyPart";

    /// <summary>Number of frames of an image.</summary>
    public const string NumberOfFrames = "dicom.numberOfFrames";

    /// <summary>Patient id found in the content (used to check the document belongs to the patient).</summary>
    public const string PatientId = "patient.id";

    /// <summary>Patient name found in the content.</summary>
    public const string PatientName = "patient.name";

    /// <summary>Patient birth date found in the content (yyyy-MM-dd).</summary>
    public const string PatientBirthDate = "patient.birthDate";

    /// <summary>Author or performing device found in the content.</summary>
    public const string Author = "author";
}
