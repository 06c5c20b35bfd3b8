using HapModular.Modules.Records.Contracts;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Records.Patients;

/// <summary>Reached only through the guard (which decided and audited): the banner's fields of the patient.</summary>
internal sealed class GetPatientIdentityHandler(PatientHeaderCache patients, TimeProvider time) : IRequestHandler<GetPatientIdentity, PatientBanner>
{
    public async Task<PatientBanner> Handle(GetPatientIdentity request, CancellationToken cancellationToken)
    {
        var patient = await patients.GetAsync(request.PatientId, cancellationToken) ?? throw new PatientAccessDeniedException();
        return new PatientBanner(
            request.PatientId, patient.FirstName, patient.LastName, patient.BirthDate,
            BrusselsTime.AgeOn(patient.BirthDate, BrusselsTime.Today(time)), patient.Sex, patient.MaskedNiss);
    }
}
