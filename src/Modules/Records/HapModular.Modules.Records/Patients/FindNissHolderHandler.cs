using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Storage;
using HapModular.SharedKernel;
using Marten;
using MediatR;

namespace HapModular.Modules.Records.Patients;

/// <summary>The patient whose NISS this is (by its keyed hash), or null.</summary>
internal sealed class FindNissHolderHandler(IRecordsStore store, NissProtector protector) : IRequestHandler<FindNissHolder, Guid?>
{
    public async Task<Guid?> Handle(FindNissHolder request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Niss.TryParse(request.NissDigits, out var niss, out _))
        {
            return null;
        }

        var hash = protector.Hash(niss.Digits);
        await using var session = store.QuerySession();
        var patient = await session.Query<Patient>().Where(p => p.NissHash == hash).FirstOrDefaultAsync(cancellationToken);
        return patient?.Id;
    }
}
