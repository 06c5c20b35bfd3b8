using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Storage;
using Marten;
using MediatR;

namespace HapModular.Modules.Consent.Pages.Dpo.Emergency;

/// <summary>The DPO's queue: grants awaiting review (oldest first), then the last reviewed ones.</summary>
internal sealed record GetEmergencyGrants(int ReviewedCount = 20) : IRequest<EmergencyGrantQueue>;

internal sealed record EmergencyGrantQueue(IReadOnlyList<EmergencyGrant> Pending, IReadOnlyList<EmergencyGrant> Reviewed);

internal sealed class GetEmergencyGrantsHandler(IConsentStore store) : IRequestHandler<GetEmergencyGrants, EmergencyGrantQueue>
{
    public async Task<EmergencyGrantQueue> Handle(GetEmergencyGrants request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var pending = await session.Query<EmergencyGrant>().Where(g => !g.Reviewed).OrderBy(g => g.GrantedAt).ToListAsync(cancellationToken);
        var reviewed = await session.Query<EmergencyGrant>().Where(g => g.Reviewed).OrderByDescending(g => g.ReviewedAt).Take(request.ReviewedCount).ToListAsync(cancellationToken);
        return new EmergencyGrantQueue(pending, reviewed);
    }
}
