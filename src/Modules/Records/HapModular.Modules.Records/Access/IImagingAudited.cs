namespace HapModular.Modules.Records.Access;

/// <summary>
/// An imaging request (DICOMweb, the workspace): audited once per study opened and once per retrieve burst by
/// <see cref="ImagingAuditBursts"/>, not once per frame or thumbnail. A refusal is audited like any other.
/// </summary>
internal interface IImagingAudited
{
    /// <summary>The study, or null for a search over the patient's studies.</summary>
    string? StudyUid { get; }

    /// <summary>How the physician reached the images: <c>browser</c> or <c>dicomweb-client</c>.</summary>
    string Channel { get; }
}
