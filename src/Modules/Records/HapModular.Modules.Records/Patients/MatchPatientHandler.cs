using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Storage;
using HapModular.SharedKernel;
using Marten;
using MediatR;

namespace HapModular.Modules.Records.Patients;

/// <summary>NISS + last name + birth date must all match; unknown and mismatch both answer null.</summary>
internal sealed class MatchPatientHandler(IRecordsStore store, NissProtector protector) : IRequestHandler<MatchPatient, Guid?>
{
    public async Task<Guid?> Handle(MatchPatient request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Niss.TryParse(request.NissDigits, out var niss, out _))
        {
            return null;
        }

        var hash = protector.Hash(niss.Digits);
        await using var session = store.QuerySession();
        var patient = await session.Query<Patient>().Where(p => p.NissHash == hash).FirstOrDefaultAsync(cancellationToken);
        return patient is not null
            && patient.BirthDate == request.BirthDate
            && patient.LastNameKey.Length > 0
            && string.Equals(patient.LastNameKey, NameKey.Of(request.LastName), StringComparison.Ordinal)
            ? patient.Id
            : null;
    }
}
