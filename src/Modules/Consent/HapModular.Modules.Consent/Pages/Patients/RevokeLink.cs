using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Storage;
using MediatR;

namespace HapModular.Modules.Consent.Pages.Patients;

/// <summary>Ends a link: the physician ("end link"), the patient desk on the patient's request, or an admin.</summary>
internal sealed record RevokeLink(Guid LinkId, string Reason, string? RequestReference, Actor By, string? Note = null) : IRequest<bool>;

internal sealed class RevokeLinkHandler(IConsentStore store, TimeProvider time) : IRequestHandler<RevokeLink, bool>
{
    public async Task<bool> Handle(RevokeLink request, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<TherapeuticLink>(request.LinkId, cancellationToken);
        if (stream.Aggregate is not { Status: LinkStatus.Active or LinkStatus.Pending } link
            || (request.By.Role == ActorRoles.Physician && link.PhysicianUserId != request.By.UserId))
        {
            return false;
        }

        stream.AppendOne(new LinkRevoked(request.Reason, request.RequestReference, time.GetUtcNow(), request.By, request.Note));
        await session.SaveChangesAsync(cancellationToken);
        return true;
    }
}
