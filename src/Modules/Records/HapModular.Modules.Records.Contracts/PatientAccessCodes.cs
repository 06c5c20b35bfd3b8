using MediatR;

namespace HapModular.Modules.Records.Contracts;

/// <summary>
/// Issues a new access code for the patient's own access report (J5), printed in the letters the patient receives;
/// it replaces the previous code. Only a hash is stored. Sent by the letter writer, never shown on screen to staff.
/// </summary>
/// <param name="PatientId">The patient.</param>
public sealed record IssuePatientAccessCode(Guid PatientId) : IRequest<string>;

/// <summary>
/// The patient whose current access code and birth date both match, or null (wrong code and wrong birth date answer
/// alike). Used by the public access-report page.
/// </summary>
/// <param name="Code">The code as typed (case, spaces and dashes ignored).</param>
/// <param name="BirthDate">The birth date as typed.</param>
public sealed record VerifyPatientAccessCode(string Code, DateOnly BirthDate) : IRequest<Guid?>;

/// <summary>
/// Marks a patient-scoped request sent by the patient in person (no account): the guard lets it through only when
/// the access code and birth date match the request's patient.
/// </summary>
public interface IPatientSelfService
{
    /// <summary>The access code from the patient's letter.</summary>
    string AccessCode { get; }

    /// <summary>The patient's birth date as typed.</summary>
    DateOnly BirthDate { get; }
}
