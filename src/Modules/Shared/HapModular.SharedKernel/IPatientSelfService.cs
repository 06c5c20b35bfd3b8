namespace HapModular.SharedKernel;

/// <summary>
/// Marks a patient-scoped request sent by the patient in person (no account): the guard lets it through only when
/// the access code of the patient's letter (Notifications' <c>VerifyPatientAccessCode</c>) and the birth date match
/// the request's patient.
/// </summary>
public interface IPatientSelfService
{
    /// <summary>The access code from the patient's letter.</summary>
    string AccessCode { get; }

    /// <summary>The patient's birth date as typed.</summary>
    DateOnly BirthDate { get; }
}
