using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Storage;
using Marten;
using MediatR;

namespace HapModular.Modules.Consent.Pages.Patients;

/// <summary>The physician's links that are active now, soonest end first.</summary>
internal sealed record GetMyLinks(Guid PhysicianUserId) : IRequest<IReadOnlyList<TherapeuticLink>>;

internal sealed class GetMyLinksHandler(IConsentStore store, TimeProvider time) : IRequestHandler<GetMyLinks, IReadOnlyList<TherapeuticLink>>
{
    public async Task<IReadOnlyList<TherapeuticLink>> Handle(GetMyLinks request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var session = store.QuerySession();
        var links = await session.Query<TherapeuticLink>()
            .Where(l => l.PhysicianUserId == request.PhysicianUserId && l.Status == LinkStatus.Active && l.End > now)
            .OrderBy(l => l.End)
            .ToListAsync(cancellationToken);
        return links.Where(l => l.IsActiveAt(now)).ToList();
    }
}
