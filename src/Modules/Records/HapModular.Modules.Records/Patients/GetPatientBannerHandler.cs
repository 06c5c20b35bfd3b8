using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Shared;
using HapModular.Modules.Shared.Access;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Records.Patients;

/// <summary>
/// The banner shows only what this request may already show: it decides nothing new. A physician (or the patient with
/// their letter's code) sees it for a patient the guard allowed earlier in the same request scope; staff who may look
/// patients up see it by role; any refusal in the request hides it, so every denial stays the same neutral page.
/// </summary>
internal sealed class GetPatientBannerHandler(PatientHeaderCache patients, PatientAccessContext scope, ICurrentUser user, TimeProvider time)
    : IRequestHandler<GetPatientBanner, PatientBanner?>
{
    public async Task<PatientBanner?> Handle(GetPatientBanner request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (scope.Refused || !(scope.AllowedPatients.Contains(request.PatientId) || IsStaff()))
        {
            return null;
        }

        var patient = await patients.GetAsync(request.PatientId, cancellationToken);
        return patient is null
            ? null
            : new PatientBanner(
                request.PatientId, patient.FirstName, patient.LastName, patient.BirthDate,
                BrusselsTime.AgeOn(patient.BirthDate, BrusselsTime.Today(time)), patient.Sex, patient.MaskedNiss);
    }

    // The same people who may search the patient register (SearchPatients, GetPatientSummaries): never physicians.
    private bool IsStaff() =>
        user.IsAuthenticated && !user.IsInRole(Roles.Physician)
        && (user.IsInRole(Roles.PatientDesk) || user.IsInRole(Roles.Dpo) || user.IsInRole(Roles.Admin));
}
