using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Storage;
using HapModular.Modules.Shared.Access;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Consent.Access.CareRelations;

/// <summary>
/// Reads the consent and the link or grant the guard's decision named (<see cref="PatientAccessContext"/>): the same
/// facts that let the request through, never a second decision. Staff never get here with a decision, so they are
/// refused like an unknown patient.
/// </summary>
internal sealed class GetCareRelationHandler(IConsentStore store, PatientAccessContext access) : IRequestHandler<GetCareRelation, CareRelation>
{
    public async Task<CareRelation> Handle(GetCareRelation request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (access.Decision is not { Allowed: true, LinkOrGrantId: { } accessId, Purpose: { } purpose })
        {
            throw new PatientAccessDeniedException();
        }

        await using var session = store.QuerySession();
        var consent = await session.LoadAsync<PatientConsent>(StreamIds.Consent(request.PatientId), cancellationToken)
            ?? throw new PatientAccessDeniedException();
        var state = new PatientConsentState(consent.Id, consent.Status == ConsentStatus.Given, consent.Method, consent.ChangedAt);
        if (await session.LoadAsync<TherapeuticLink>(accessId, cancellationToken) is { Start: { } start, End: { } end } link)
        {
            return new CareRelation(state, new CareAccess(link.Id, purpose, link.LinkType, null, start, end));
        }

        var grant = await session.LoadAsync<EmergencyGrant>(accessId, cancellationToken) ?? throw new PatientAccessDeniedException();
        return new CareRelation(state, new CareAccess(grant.Id, purpose, null, grant.Category, grant.GrantedAt, grant.ExpiresAt));
    }
}
