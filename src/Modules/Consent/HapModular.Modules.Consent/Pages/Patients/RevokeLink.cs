using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Outbox;
using HapModular.Modules.Consent.Storage;
using MediatR;

namespace HapModular.Modules.Consent.Pages.Patients;

/// <summary>
/// Ends a link: the physician ("end link"), the patient desk on the patient's request, an admin, or the patient
/// themselves with their letter's code (who then gets a confirming letter).
/// </summary>
internal sealed record RevokeLink(Guid LinkId, string Reason, string? RequestReference, Actor By, string? Note = null) : IRequest<bool>;

internal sealed class RevokeLinkHandler(IConsentStore store, TimeProvider time, NoticeOutbox outbox) : IRequestHandler<RevokeLink, bool>
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

        var now = time.GetUtcNow();
        stream.AppendOne(new LinkRevoked(request.Reason, request.RequestReference, now, request.By, request.Note));
        var notice = request.By.Role == ActorRoles.Patient
            ? Notices.LinkEnded(stream.Id, stream.CurrentVersion ?? 0, link.PatientId, now, link.PhysicianUserId, link.PhysicianName, link.PhysicianInami, link.LinkType)
            : null;
        if (notice is not null)
        {
            outbox.Stage(session, notice);
        }

        await session.SaveChangesAsync(cancellationToken);
        if (notice is not null)
        {
            await outbox.DeliverAsync(notice, cancellationToken);
        }

        return true;
    }
}
