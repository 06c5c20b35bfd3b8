using HapModular.Modules.Consent.Storage;
using Microsoft.Extensions.Hosting;

namespace HapModular.Modules.Consent.Domain;

/// <summary>
/// Removes the blank documents the inline projections once made from other kinds of streams (a grant for every link,
/// a link for every consent…): they listed as blank entries in the DPO queue. Idempotent; a real document always
/// has its patient (and, for links and grants, its physician).
/// </summary>
internal sealed class StrayProjectionCleanup(IConsentStore store) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.DeleteWhere<EmergencyGrant>(g => g.PhysicianUserId == Guid.Empty);
        session.DeleteWhere<TherapeuticLink>(l => l.PhysicianUserId == Guid.Empty);
        session.DeleteWhere<PatientConsent>(c => c.PatientId == Guid.Empty);
        session.DeleteWhere<Exclusion>(x => x.PatientId == Guid.Empty);
        await session.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
