using MediatR;

namespace HapModular.Modules.Notifications.Contracts;

/// <summary>
/// Checks the personal access code printed on a patient's letter, together with the patient's birth date, for the
/// patient's own access report (J5, <c>/patient-report</c>). Codes serve only that purpose, expire, and are stored
/// hashed. Returns the patient id, or null for a wrong, expired or mismatched code (one answer for all).
/// </summary>
/// <param name="Code">The code as typed (dashes, spaces and case are ignored).</param>
/// <param name="BirthDate">The patient's birth date as typed.</param>
public sealed record VerifyPatientAccessCode(string Code, DateOnly BirthDate) : IRequest<Guid?>;
