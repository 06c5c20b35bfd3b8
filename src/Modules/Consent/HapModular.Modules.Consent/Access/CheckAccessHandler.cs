using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Storage;
using HapModular.Modules.Identity.Contracts;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Consent.Access;

/// <summary>
/// R1 from the inline projections: the consent, link and exclusion documents have deterministic ids, so with the
/// emergency-grant query they are read in one batched round trip.
/// </summary>
internal sealed class CheckAccessHandler(IConsentStore store, IMediator mediator, TimeProvider time, ConsentOptions options) : IRequestHandler<CheckAccess, AccessDecision>
{
    public async Task<AccessDecision> Handle(CheckAccess request, CancellationToken cancellationToken)
    {
        if (!await mediator.Send(new IsAccountActive(request.UserId), cancellationToken))
        {
            return Deny(AccessReasons.InactiveAccount);
        }

        var now = time.GetUtcNow();
        await using var session = store.QuerySession();
        var batch = session.CreateBatchQuery();
        var consentTask = batch.Load<PatientConsent>(StreamIds.Consent(request.PatientId));
        var linkTask = batch.Load<TherapeuticLink>(StreamIds.Link(request.UserId, request.PatientId));
        var exclusionTask = Inami.TryParse(request.Inami, out var inami, out _)
            ? batch.Load<Exclusion>(StreamIds.Exclusion(request.PatientId, inami.Identity))
            : Task.FromResult<Exclusion?>(null);
        var grantsTask = batch.Query<EmergencyGrant>()
            .Where(g => g.PatientId == request.PatientId && g.PhysicianUserId == request.UserId && g.ExpiresAt > now)
            .ToList();
        await batch.Execute(cancellationToken);

        var consent = await consentTask;
        if (consent?.Status != ConsentStatus.Given)
        {
            return Deny(AccessReasons.NoConsent);
        }

        var link = await linkTask;
        // An exclusion overrides every link (R4) and, unless policy says otherwise, break-the-glass too.
        var excluded = (await exclusionTask)?.Active == true;
        if (excluded && options.ExclusionBlocksEmergency)
        {
            return Deny(AccessReasons.Excluded);
        }

        if (!excluded && link is not null && link.IsActiveAt(now))
        {
            return new AccessDecision(true, AccessReasons.Link, "TREAT", link.Id, link.LinkType, link.End, false);
        }

        var grant = (await grantsTask).Where(g => g.IsActiveAt(now)).MaxBy(g => g.ExpiresAt);
        if (grant is not null)
        {
            return new AccessDecision(true, AccessReasons.Emergency, "ETREAT", grant.Id, null, grant.ExpiresAt, false);
        }

        return excluded ? Deny(AccessReasons.Excluded) : Deny(AccessReasons.NoLink, canRequestLink: true);
    }

    private static AccessDecision Deny(string reason, bool canRequestLink = false) => new(false, reason, null, null, null, null, canRequestLink);
}

internal static class AccessReasons
{
    public const string Link = "link";
    public const string Emergency = "emergency";
    public const string NoConsent = "no-consent";
    public const string Excluded = "excluded";
    public const string NoLink = "no-link";
    public const string InactiveAccount = "inactive-account";
}
