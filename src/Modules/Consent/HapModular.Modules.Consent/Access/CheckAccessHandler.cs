using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Identity.Contracts;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Consent.Access;

/// <summary>
/// R1 from the inline projections: the consent, link and exclusion documents have deterministic ids, so with the
/// emergency grants they are read in one statement (<see cref="AccessState"/>).
/// </summary>
internal sealed class CheckAccessHandler(AccessState state, IMediator mediator, TimeProvider time, ConsentOptions options) : IRequestHandler<CheckAccess, AccessDecision>
{
    public async Task<AccessDecision> Handle(CheckAccess request, CancellationToken cancellationToken)
    {
        if (!await mediator.Send(new IsAccountActive(request.UserId), cancellationToken))
        {
            return Deny(AccessReasons.InactiveAccount);
        }

        var now = time.GetUtcNow();
        var exclusionId = Inami.TryParse(request.Inami, out var inami, out _) ? StreamIds.Exclusion(request.PatientId, inami.Identity) : (Guid?)null;
        var (consent, link, exclusion, grants) = await state.ReadAsync(
            StreamIds.Consent(request.PatientId), StreamIds.Link(request.UserId, request.PatientId), exclusionId, request.PatientId, request.UserId, cancellationToken);
        if (consent?.Status != ConsentStatus.Given)
        {
            return Deny(AccessReasons.NoConsent);
        }

        // An exclusion overrides every link (R4) and, unless policy says otherwise, break-the-glass too.
        var excluded = exclusion?.Active == true;
        if (excluded && options.ExclusionBlocksEmergency)
        {
            return Deny(AccessReasons.Excluded);
        }

        if (!excluded && link is not null && link.IsActiveAt(now))
        {
            return new AccessDecision(true, AccessReasons.Link, "TREAT", link.Id, link.LinkType, link.End, false);
        }

        var grant = grants.Where(g => g.IsActiveAt(now)).MaxBy(g => g.ExpiresAt);
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
