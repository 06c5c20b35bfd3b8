namespace HapModular.SharedKernel;

/// <summary>
/// A patient-scoped imaging request (DICOMweb QIDO/WADO, the imaging workspace's frames and renderings), audited at
/// the granularity the imaging standards use (IHE BALP, DICOM audit) instead of once per request: the guard writes
/// one record for the first allowed request of a user on one patient's study through one channel, BEFORE it is
/// served, and the same user's further requests on that study and channel within the burst window (setting
/// <c>Hap:Audit:ImagingBurstMinutes</c>, default 5) share it; the next request after the window opens a new burst
/// and a new record. So nothing retrieved escapes the audit, and the patient's report shows one imaging line per
/// study and burst, not one per frame or thumbnail. Every refusal is still recorded one by one.
/// </summary>
public interface IImagingRequest : IPatientScoped
{
    /// <summary>The study concerned (its Study Instance UID), or null for a search over the patient's studies.</summary>
    string? StudyUid { get; }

    /// <summary>How the physician reached the images: one of <see cref="ImagingChannels"/>.</summary>
    string Channel { get; }
}

/// <summary>How a physician reached the images, for the audit record (R7).</summary>
public static class ImagingChannels
{
    /// <summary>The portal's own imaging workspace (session cookie).</summary>
    public const string Browser = "browser";

    /// <summary>A DICOMweb client (a desktop viewer) with the physician's personal access token.</summary>
    public const string DicomWebClient = "dicomweb-client";
}
