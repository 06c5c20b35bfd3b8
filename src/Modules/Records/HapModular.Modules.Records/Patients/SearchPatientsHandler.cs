using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Storage;
using HapModular.SharedKernel;
using Marten;
using MediatR;

namespace HapModular.Modules.Records.Patients;

/// <summary>A valid NISS finds its patient exactly; anything else is a name fragment (every word must appear).</summary>
internal sealed class SearchPatientsHandler(IRecordsStore store, NissProtector protector) : IRequestHandler<SearchPatients, IReadOnlyList<PatientSummary>>
{
    private const int Limit = 50;

    public async Task<IReadOnlyList<PatientSummary>> Handle(SearchPatients request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var session = store.QuerySession();
        if (Niss.TryParse(request.Query, out var niss, out _))
        {
            var hash = protector.Hash(niss.Digits);
            var found = await session.Query<Patient>().Where(p => p.NissHash == hash).ToListAsync(cancellationToken);
            return [.. found.Select(p => p.ToSummary())];
        }

        var words = NameKey.Words(request.Query ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words.All(w => w.All(char.IsAsciiDigit)))
        {
            return [];
        }

        IQueryable<Patient> query = session.Query<Patient>();
        foreach (var word in words.Take(4))
        {
            query = query.Where(p => p.SearchKey.Contains(word));
        }

        var patients = await query.OrderBy(p => p.LastNameKey).ThenBy(p => p.FirstName).Take(Limit).ToListAsync(cancellationToken);
        return [.. patients.Select(p => p.ToSummary())];
    }
}
