using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Outbox;
using HapModular.Modules.Consent.Storage;
using MediatR;

namespace HapModular.Modules.Consent.Pages.Links.Declare;

/// <summary>Attaches the proof to a pending link, which activates it from now (R2: active only once proven).</summary>
internal sealed record AttachProof(Guid LinkId, string ProofType, string? ProofReference, Actor By) : IRequest<bool>;

internal sealed class AttachProofHandler(IConsentStore store, TimeProvider time, ConsentOptions options, NoticeOutbox outbox) : IRequestHandler<AttachProof, bool>
{
    public async Task<bool> Handle(AttachProof request, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<TherapeuticLink>(request.LinkId, cancellationToken);
        if (stream.Aggregate is not { Status: LinkStatus.Pending } link)
        {
            return false;
        }

        var now = time.GetUtcNow();
        // A second attach racing this one claims the same version: the database lets one of them commit.
        session.Insert(LinkActivationClaim.For(link.Id, stream.StartingVersion ?? 0, now));
        var end = options.EndOf(link.LinkType, now);
        stream.AppendMany(new LinkProofAttached(request.ProofType, request.ProofReference, now, request.By), new LinkActivated(now, end, now, request.By));
        var notice = Notices.LinkCreated(link.Id, stream.CurrentVersion ?? 0, link.PatientId, link.PhysicianUserId, link.PhysicianName, link.PhysicianInami, link.LinkType, now, end);
        outbox.Stage(session, notice);
        await session.SaveChangesAsync(cancellationToken);
        await outbox.DeliverAsync(notice, cancellationToken);
        return true;
    }
}
