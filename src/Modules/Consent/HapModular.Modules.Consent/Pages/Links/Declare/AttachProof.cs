using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Storage;
using MediatR;

namespace HapModular.Modules.Consent.Pages.Links.Declare;

/// <summary>Attaches the proof to a pending link, which activates it from now (R2: active only once proven).</summary>
internal sealed record AttachProof(Guid LinkId, string ProofType, string? ProofReference, Actor By) : IRequest<bool>;

internal sealed class AttachProofHandler(IConsentStore store, TimeProvider time, ConsentOptions options) : IRequestHandler<AttachProof, bool>
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
        stream.AppendMany(
            new LinkProofAttached(request.ProofType, request.ProofReference, now, request.By),
            new LinkActivated(now, options.EndOf(link.LinkType, now), now, request.By));
        await session.SaveChangesAsync(cancellationToken);
        return true;
    }
}
