using HapModular.Modules.Records.Contracts;

namespace HapModular.Modules.Records.Patients;

internal static class PatientMapping
{
    public static PatientSummary ToSummary(this Patient p) =>
        new(p.Id, p.FirstName, p.LastName, p.BirthDate, p.Sex, p.Language, p.MaskedNiss, p.PostalAddress, p.Email, p.EmailNoticesAgreed);
}
