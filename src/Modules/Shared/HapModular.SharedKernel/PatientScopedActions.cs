namespace HapModular.SharedKernel;

/// <summary>
/// The audit actions of patient-scoped requests (R7 vocabulary), shared by every module and interface (pages,
/// DICOMweb, FHIR): the guard decides by them, and the patient's access report names them.
/// </summary>
public static class PatientScopedActions
{
    /// <summary>A document or the record opened (document page, timeline).</summary>
    public const string Read = "read";

    /// <summary>A search within one patient's record.</summary>
    public const string Search = "search";

    /// <summary>A rendered view of a document (frame, page, thumbnail).</summary>
    public const string Render = "render";

    /// <summary>The original bytes of a document.</summary>
    public const string Download = "download";

    /// <summary>A study opened by the imaging workspace or a DICOMweb client (one record per study and burst, see <see cref="IImagingRequest"/>).</summary>
    public const string ImagingOpen = "imaging-open";

    /// <summary>Images (instances, frames, renderings) of one study retrieved within one burst window (see <see cref="IImagingRequest"/>).</summary>
    public const string ImagingRetrieve = "imaging-retrieve";

    /// <summary>A SMART App Launch from the physician's own software: the portal checked the link before issuing a code.</summary>
    public const string SmartLaunch = "smart-launch";

    /// <summary>A document masked (R6) by its author or, through the desk, by the patient.</summary>
    public const string Mask = "mask";

    /// <summary>A mask lifted by whoever set it.</summary>
    public const string Unmask = "unmask";

    /// <summary>The desk's list of a patient's documents (titles, dates, kinds; no content).</summary>
    public const string DeskDocuments = "desk-documents";

    /// <summary>Desk staff read a patient's identity (name, address, e-mail, masked NISS) or consent history.</summary>
    public const string DeskIdentity = "desk-identity";

    /// <summary>Who accessed the record: the only patient-scoped request every staff role may send.</summary>
    public const string AccessReport = "access-report";

    /// <summary>The patient reading their own access report with the code from their letter.</summary>
    public const string OwnAccessReport = "own-access-report";

    /// <summary>The patient reading their links, exclusions and consent, to act on them (with their letter's code).</summary>
    public const string OwnRights = "own-rights";

    /// <summary>The patient revoking a physician's link themselves (with their letter's code).</summary>
    public const string OwnRevokeLink = "patient-revoke-link";

    /// <summary>The patient excluding a physician themselves (with their letter's code).</summary>
    public const string OwnExclude = "patient-exclude";

    /// <summary>The patient withdrawing their consent themselves (with their letter's code).</summary>
    public const string OwnWithdrawConsent = "patient-withdraw-consent";

    /// <summary>
    /// What the patient in person may do with their letter's code: read their report and take access away. Granting
    /// access (consent, lifting an exclusion) is not here: it needs the desk.
    /// </summary>
    public static bool IsSelfService(string action) => action is OwnAccessReport or OwnRights or OwnRevokeLink or OwnExclude or OwnWithdrawConsent;
}
