using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Outbox;
using HapModular.Modules.Consent.Storage;
using MediatR;

namespace HapModular.Modules.Consent.Pages.Patients;

/// <summary>A new period of an active or expired link, with a new proof (R2). A revoked link must be declared again.</summary>
internal sealed record RenewLink(Guid LinkId, Guid PhysicianUserId, string ProofType, string? ProofReference, Actor By) : IRequest<DateTimeOffset?>;

internal sealed class RenewLinkHandler(IConsentStore store, TimeProvider time, ConsentOptions options, NoticeOutbox outbox) : IRequestHandler<RenewLink, DateTimeOffset?>
{
    public async Task<DateTimeOffset?> Handle(RenewLink request, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<TherapeuticLink>(request.LinkId, cancellationToken);
        if (stream.Aggregate is not { Status: LinkStatus.Active or LinkStatus.Expired } link || link.PhysicianUserId != request.PhysicianUserId)
        {
            return null;
        }

        // The rules of a declaration hold for a renewal: consent given, physician not excluded (one neutral refusal).
        var consent = await session.LoadAsync<PatientConsent>(StreamIds.Consent(link.PatientId), cancellationToken);
        var exclusion = await session.LoadAsync<Exclusion>(StreamIds.Exclusion(link.PatientId, Desk.ChangeExclusionHandler.IdentityOf(link.PhysicianInami)), cancellationToken);
        if (consent?.Status != ConsentStatus.Given || exclusion?.Active == true)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var end = options.EndOf(link.LinkType, now);
        stream.AppendOne(new LinkRenewed(request.ProofType, request.ProofReference, now, end, now, request.By));
        var notice = Notices.LinkCreated(link.Id, stream.CurrentVersion ?? 0, link.PatientId, link.PhysicianUserId, link.PhysicianName, link.PhysicianInami, link.LinkType, now, end);
        outbox.Stage(session, notice);
        await session.SaveChangesAsync(cancellationToken);
        await outbox.DeliverAsync(notice, cancellationToken);
        return end;
    }
}
