using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Storage;
using HapModular.SharedKernel;
using Marten;
using MediatR;

namespace HapModular.Modules.Consent.Pages.Patients;

/// <summary>
/// Every link of the physician (active, pending, ended), each with whether the patient's side blocks it now (consent
/// not given, or this physician excluded). The page never says which of the two: only that access is not possible.
/// </summary>
internal sealed record GetMyLinks(Guid PhysicianUserId, string? PhysicianInami) : IRequest<IReadOnlyList<MyLink>>;

internal sealed record MyLink(TherapeuticLink Link, bool Blocked);

internal sealed class GetMyLinksHandler(IConsentStore store) : IRequestHandler<GetMyLinks, IReadOnlyList<MyLink>>
{
    private const int MaxLinks = 500;

    public async Task<IReadOnlyList<MyLink>> Handle(GetMyLinks request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var links = await session.Query<TherapeuticLink>()
            .Where(l => l.PhysicianUserId == request.PhysicianUserId)
            .OrderBy(l => l.End)
            .Take(MaxLinks)
            .ToListAsync(cancellationToken);
        if (links.Count == 0)
        {
            return [];
        }

        var patients = links.Select(l => l.PatientId).Distinct().ToList();
        var identity = Inami.TryParse(request.PhysicianInami, out var inami, out _) ? inami.Identity : request.PhysicianInami ?? string.Empty;
        var consents = await session.LoadManyAsync<PatientConsent>(cancellationToken, patients.Select(StreamIds.Consent));
        var exclusions = await session.LoadManyAsync<Exclusion>(cancellationToken, patients.Select(p => StreamIds.Exclusion(p, identity)));
        var given = consents.Where(c => c.Status == ConsentStatus.Given).Select(c => c.PatientId).ToHashSet();
        var excluded = exclusions.Where(x => x.Active).Select(x => x.PatientId).ToHashSet();
        return [.. links.Select(l => new MyLink(l, !given.Contains(l.PatientId) || excluded.Contains(l.PatientId)))];
    }
}
