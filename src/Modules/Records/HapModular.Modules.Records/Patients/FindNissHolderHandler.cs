using HapModular.Modules.Records.Contracts;
using MediatR;

namespace HapModular.Modules.Records.Patients;

/// <summary>The patient whose NISS this is (by its keyed hash), or null.</summary>
internal sealed class FindNissHolderHandler(PatientDirectory directory) : IRequestHandler<FindNissHolder, Guid?>
{
    public Task<Guid?> Handle(FindNissHolder request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return directory.FindByNissAsync(request.NissDigits, cancellationToken);
    }
}
