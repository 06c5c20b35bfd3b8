using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Storage;
using MediatR;

namespace HapModular.Modules.Records.Patients;

internal sealed class GetPatientSummariesHandler(IRecordsStore store) : IRequestHandler<GetPatientSummaries, IReadOnlyList<PatientSummary>>
{
    public async Task<IReadOnlyList<PatientSummary>> Handle(GetPatientSummaries request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PatientIds.Count == 0)
        {
            return [];
        }

        await using var session = store.QuerySession();
        var patients = await session.LoadManyAsync<Patient>(cancellationToken, request.PatientIds.Distinct());
        return [.. patients.Select(p => p.ToSummary())];
    }
}
