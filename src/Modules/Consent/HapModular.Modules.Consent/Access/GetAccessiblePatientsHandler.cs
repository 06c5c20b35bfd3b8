using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Storage;
using Marten;
using MediatR;

namespace HapModular.Modules.Consent.Access;

/// <summary>Active links and emergency grants of the physician, read from the inline projections.</summary>
internal sealed class GetAccessiblePatientsHandler(IConsentStore store, TimeProvider time) : IRequestHandler<GetAccessiblePatients, IReadOnlyList<Guid>>
{
    public async Task<IReadOnlyList<Guid>> Handle(GetAccessiblePatients request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        await using var session = store.QuerySession();
        var links = await session.Query<TherapeuticLink>()
            .Where(l => l.PhysicianUserId == request.PhysicianUserId && l.Status == LinkStatus.Active && l.End > now)
            .ToListAsync(cancellationToken);
        var grants = await session.Query<EmergencyGrant>()
            .Where(g => g.PhysicianUserId == request.PhysicianUserId && g.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        return [.. links.Where(l => l.IsActiveAt(now)).Select(l => l.PatientId).Concat(grants.Where(g => g.IsActiveAt(now)).Select(g => g.PatientId)).Distinct()];
    }
}
