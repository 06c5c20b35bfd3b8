using MediatR;

namespace HapModular.Modules.Records.Contracts;

/// <summary>
/// Finds the hospital's patient whose NISS, last name and birth date all match (the link declaration form).
/// Returns null both for an unknown NISS and for a mismatch, so callers cannot tell which.
/// </summary>
/// <param name="NissDigits">The validated NISS digits.</param>
/// <param name="LastName">Last name as read from the eID (compared case- and accent-insensitively).</param>
/// <param name="BirthDate">Birth date as read from the eID.</param>
public sealed record MatchPatient(string NissDigits, string LastName, DateOnly BirthDate) : IRequest<Guid?>;

/// <summary>
/// Who a patient is, for staff pages, letters and the physician's list of linked patients. Contains no clinical
/// data; the NISS only masked. Callers must only ask for patients the current user may know about.
/// </summary>
/// <param name="PatientIds">The patients.</param>
public sealed record GetPatientSummaries(IReadOnlyCollection<Guid> PatientIds) : IRequest<IReadOnlyList<PatientSummary>>;

/// <summary>A patient's identity and contact data.</summary>
/// <param name="PatientId">Id.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="BirthDate">Birth date.</param>
/// <param name="Sex">M, F or X.</param>
/// <param name="Language">fr, nl, de or en (letters are written in it).</param>
/// <param name="MaskedNiss">NISS masked except its last digits.</param>
/// <param name="PostalAddress">Postal address lines for letters.</param>
/// <param name="Email">E-mail, when the patient gave one.</param>
/// <param name="EmailNoticesAgreed">Whether the patient agreed to notices by e-mail.</param>
public sealed record PatientSummary(
    Guid PatientId,
    string FirstName,
    string LastName,
    DateOnly BirthDate,
    string Sex,
    string Language,
    string MaskedNiss,
    IReadOnlyList<string> PostalAddress,
    string? Email,
    bool EmailNoticesAgreed);

/// <summary>Staff search (patient desk): by NISS (exact) or by name fragment. At most 50 results.</summary>
/// <param name="Query">A NISS, or part of a name.</param>
public sealed record SearchPatients(string Query) : IRequest<IReadOnlyList<PatientSummary>>;

/// <summary>Registers (or updates, matched on NISS) a hospital patient. Used by ingestion and the demo.</summary>
/// <param name="NissDigits">Validated NISS digits.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="BirthDate">Birth date.</param>
/// <param name="Sex">M, F or X.</param>
/// <param name="Language">fr, nl, de or en.</param>
/// <param name="PostalAddress">Address lines.</param>
/// <param name="Email">Optional e-mail.</param>
/// <param name="EmailNoticesAgreed">Agreement to e-mail notices.</param>
public sealed record RegisterPatient(
    string NissDigits,
    string FirstName,
    string LastName,
    DateOnly BirthDate,
    string Sex,
    string Language,
    IReadOnlyList<string> PostalAddress,
    string? Email,
    bool EmailNoticesAgreed) : IRequest<Guid>
{
    /// <summary>The patient's id in the hospital's own systems (PACS, laboratory, HIS), when known: the standard
    /// interfaces (DICOM, HL7 v2, FHIR) identify patients by it when the message carries no NISS.</summary>
    public string? HospitalId { get; init; }
}

/// <summary>
/// Which hospital patient holds a NISS, whatever name and birth date were typed: only to count and audit failed
/// identity checks against that patient (link declaration, emergency access by NISS). The answer must never reach
/// the user who typed the NISS, in any form.
/// </summary>
/// <param name="NissDigits">The validated NISS digits.</param>
public sealed record FindNissHolder(string NissDigits) : IRequest<Guid?>;
