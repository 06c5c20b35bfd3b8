using System.Globalization;
using HapModular.Modules.Records.Contracts;
using MediatR;

namespace HapModular.Modules.Consent.Tests;

/// <summary>
/// A stand-in for the Records module's patient queries (MatchPatient, GetPatientSummaries, SearchPatients) while
/// Records is not on main: same contract semantics, patients kept in memory.
/// </summary>
public sealed class FakeRecords :
    IRequestHandler<MatchPatient, Guid?>,
    IRequestHandler<GetPatientSummaries, IReadOnlyList<PatientSummary>>,
    IRequestHandler<SearchPatients, IReadOnlyList<PatientSummary>>
{
    private readonly List<(string Niss, PatientSummary Summary)> patients = [];

    public PatientSummary Add(string niss, string first, string last, DateOnly birth, string language = "fr", string? email = null)
    {
        var summary = new PatientSummary(Guid.NewGuid(), first, last, birth, "F", language, "••.••.••-•••." + niss[9..], ["Rue Test 1", "7000 Mons"], email, email is not null);
        lock (patients)
        {
            patients.Add((niss, summary));
        }

        return summary;
    }

    public Task<Guid?> Handle(MatchPatient request, CancellationToken cancellationToken)
    {
        lock (patients)
        {
            var match = patients.FirstOrDefault(p => p.Niss == request.NissDigits
                && string.Compare(p.Summary.LastName, request.LastName, CultureInfo.InvariantCulture, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) == 0 && p.Summary.BirthDate == request.BirthDate);
            return Task.FromResult(match.Summary?.PatientId);
        }
    }

    public Task<IReadOnlyList<PatientSummary>> Handle(GetPatientSummaries request, CancellationToken cancellationToken)
    {
        lock (patients)
        {
            return Task.FromResult<IReadOnlyList<PatientSummary>>(patients.Where(p => request.PatientIds.Contains(p.Summary.PatientId)).Select(p => p.Summary).ToList());
        }
    }

    public Task<IReadOnlyList<PatientSummary>> Handle(SearchPatients request, CancellationToken cancellationToken)
    {
        lock (patients)
        {
            return Task.FromResult<IReadOnlyList<PatientSummary>>(patients
                .Where(p => p.Niss == request.Query || p.Summary.LastName.Contains(request.Query, StringComparison.OrdinalIgnoreCase))
                .Select(p => p.Summary).Take(50).ToList());
        }
    }
}
