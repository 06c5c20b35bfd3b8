using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Storage;
using HapModular.SharedKernel;
using Marten;
using MediatR;

namespace HapModular.Modules.Records.Patients;

/// <summary>Creates the patient, or updates the one with the same NISS (matched on the keyed hash).</summary>
internal sealed class RegisterPatientHandler(IRecordsStore store, NissProtector protector, PatientHeaderCache headers) : IRequestHandler<RegisterPatient, Guid>
{
    public async Task<Guid> Handle(RegisterPatient request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Niss.TryParse(request.NissDigits, out var niss, out var error))
        {
            throw new ArgumentException("Invalid NISS: " + error, nameof(request));
        }

        var hash = protector.Hash(niss.Digits);
        await using var session = store.LightweightSession();
        var patient = await session.Query<Patient>().Where(p => p.NissHash == hash).FirstOrDefaultAsync(cancellationToken)
            ?? new Patient { Id = Guid.NewGuid(), NissHash = hash, NissCipher = protector.Encrypt(niss.Digits), MaskedNiss = niss.Masked };
        patient.FirstName = request.FirstName.Trim();
        patient.LastName = request.LastName.Trim();
        patient.LastNameKey = NameKey.Of(request.LastName);
        patient.SearchKey = " " + NameKey.Words(request.FirstName, request.LastName) + " ";
        patient.BirthDate = request.BirthDate;
        patient.HospitalId = string.IsNullOrWhiteSpace(request.HospitalId) ? patient.HospitalId : request.HospitalId.Trim();
        patient.Sex = request.Sex is "M" or "F" ? request.Sex : "X";
        patient.Language = request.Language is "fr" or "nl" or "de" or "en" ? request.Language : "fr";
        patient.PostalAddress = [.. request.PostalAddress];
        patient.Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        patient.EmailNoticesAgreed = patient.Email is not null && request.EmailNoticesAgreed;
        session.Store(patient);
        await session.SaveChangesAsync(cancellationToken);
        headers.Forget(patient.Id);
        return patient.Id;
    }
}
