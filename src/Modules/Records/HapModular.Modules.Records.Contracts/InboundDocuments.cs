using MediatR;

namespace HapModular.Modules.Records.Contracts;

/// <summary>
/// Files a document that a hospital system sent through a standard interface (DICOM C-STORE, HL7 v2, FHIR) into the
/// patient's record, through the same ingestion as <c>/api/ingest</c>. The patient is found by the hospital's
/// identifiers (NISS, else the hospital's patient id) and confirmed by name and birth date: an unknown patient or a
/// mismatch is <see cref="InboundFilingStatus.Held"/> (never filed on another record). Idempotent on
/// (<paramref name="SourceSystem"/>, <paramref name="SourceId"/>): a resend answers <see cref="InboundFilingStatus.AlreadyFiled"/>.
/// Sent by system interfaces only; it reads no patient data back, so it is not patient-scoped.
/// </summary>
/// <param name="SourceSystem">The sending system, e.g. <c>dicom</c>, <c>hl7:LAB^CHU</c>, <c>fhir</c>.</param>
/// <param name="SourceId">The document's id in that system (SOP Instance UID, MSH-10 control id, FHIR identifier).</param>
/// <param name="Patient">Who the message says the document belongs to.</param>
/// <param name="Content">The document's bytes, stored exactly as given.</param>
/// <param name="Details">Title, date, kind and other metadata the message carries.</param>
public sealed record FileInboundDocument(string SourceSystem, string SourceId, InboundPatient Patient, ReadOnlyMemory<byte> Content, InboundDetails Details)
    : IRequest<InboundFiling>;

/// <summary>The patient as a message identifies them.</summary>
/// <param name="Niss">NISS digits or printed form, when the message carries one.</param>
/// <param name="HospitalId">The hospital's patient id (PID-3, DICOM Patient ID, FHIR identifier).</param>
/// <param name="LastName">Family name (compared case- and accent-insensitively); required to confirm the match.</param>
/// <param name="FirstName">Given name (informative).</param>
/// <param name="BirthDate">Birth date; compared when present.</param>
public sealed record InboundPatient(string? Niss, string? HospitalId, string? LastName, string? FirstName, DateOnly? BirthDate);

/// <summary>What the message says about the document.</summary>
/// <param name="FileName">A file name (a hint for format detection and the download name).</param>
/// <param name="Title">Title.</param>
/// <param name="Kind">report, imaging, device-report, photo, lab or other; inferred when null.</param>
/// <param name="ClinicalDate">When the document was made.</param>
/// <param name="Department">Department.</param>
/// <param name="Author">Author's name.</param>
public sealed record InboundDetails(string? FileName = null, string? Title = null, string? Kind = null, DateTimeOffset? ClinicalDate = null, string? Department = null, string? Author = null);

/// <summary>What happened to an inbound document.</summary>
/// <param name="Status">Filed, already filed, held or refused.</param>
/// <param name="DocumentId">The record's document, when filed (now or before).</param>
/// <param name="PatientId">The patient it was filed for.</param>
/// <param name="Reason">Why it was held or refused (no personal data).</param>
public sealed record InboundFiling(InboundFilingStatus Status, Guid? DocumentId, Guid? PatientId, string? Reason);

/// <summary>The outcomes of <see cref="FileInboundDocument"/>.</summary>
public enum InboundFilingStatus
{
    /// <summary>Filed now.</summary>
    Filed,

    /// <summary>The same source id was filed before (a resend).</summary>
    AlreadyFiled,

    /// <summary>Not filed: the patient is unknown or the identity does not match; kept for the desk.</summary>
    Held,

    /// <summary>Not filed: the content is unreadable, empty, too large or of an unknown format.</summary>
    Refused,
}
