using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Storage;
using HapModular.SharedKernel;
using Marten;

namespace HapModular.Modules.Records.Patients;

/// <summary>
/// Finds the patient a hospital message names: by NISS when it carries a valid one, else by the hospital's patient id;
/// then the family name must match and the birth date too when the message gives one. Anything else is a hold with a
/// reason for the desk (the reasons name no person).
/// </summary>
internal sealed class InboundPatientMatcher(IRecordsStore store, NissProtector protector)
{
    public async Task<(Guid? PatientId, string? HoldReason)> MatchAsync(InboundPatient who, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        Patient? patient;
        if (who.Niss is { Length: > 0 } text && Niss.TryParse(text, out var niss, out _))
        {
            var hash = protector.Hash(niss.Digits);
            patient = await session.Query<Patient>().Where(p => p.NissHash == hash).FirstOrDefaultAsync(cancellationToken);
        }
        else if (who.HospitalId is { Length: > 0 } hospitalId)
        {
            var found = await session.Query<Patient>().Where(p => p.HospitalId == hospitalId.Trim()).Take(2).ToListAsync(cancellationToken);
            if (found.Count > 1)
            {
                return (null, "hospital patient id is not unique");
            }

            patient = found.Count == 1 ? found[0] : null;
        }
        else
        {
            return (null, "no patient identifier (NISS or hospital patient id)");
        }

        if (patient is null)
        {
            return (null, "unknown patient");
        }

        if (NameKey.Of(who.LastName) is not { Length: > 0 } name)
        {
            return (null, "no patient name to confirm the identity");
        }

        if (!string.Equals(name, patient.LastNameKey, StringComparison.Ordinal))
        {
            return (null, "patient name does not match the hospital's record");
        }

        return who.BirthDate is { } birth && birth != patient.BirthDate
            ? (null, "birth date does not match the hospital's record")
            : (patient.Id, null);
    }
}
