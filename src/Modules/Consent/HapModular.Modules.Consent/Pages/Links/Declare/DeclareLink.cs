using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Outbox;
using HapModular.Modules.Consent.Storage;
using HapModular.Modules.Shared.Storage;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Consent.Pages.Links.Declare;

/// <summary>A physician declares a link; with a proof it is active at once (R2).</summary>
internal sealed record DeclareLink(
    Guid PatientId, Guid PhysicianUserId, string PhysicianInami, string PhysicianName, string LinkType, string? ProofType, string? ProofReference, Actor By)
    : IRequest<DeclareLinkResult>
{
    /// <summary>
    /// The checked proof's bytes, written to the blob store (its id becoming the proof reference) only when the link
    /// is created: a refused declaration leaves nothing on disk.
    /// </summary>
    public byte[]? ProofContent { get; init; }
}

internal sealed record DeclareLinkResult(DeclareLinkOutcome Outcome, Guid LinkId, DateTimeOffset? End);

internal enum DeclareLinkOutcome
{
    Activated,
    PendingProof,
    AlreadyActive,

    /// <summary>No consent given, or the patient excluded this physician: one neutral answer for both.</summary>
    NotPossible,
}

internal sealed class DeclareLinkHandler(IConsentStore store, TimeProvider time, ConsentOptions options, NoticeOutbox outbox, IBlobStore blobs) : IRequestHandler<DeclareLink, DeclareLinkResult>
{
    public async Task<DeclareLinkResult> Handle(DeclareLink request, CancellationToken cancellationToken)
    {
        if (!LinkTypes.All.Contains(request.LinkType) || (request.ProofType is { } p && !ProofTypes.All.Contains(p)))
        {
            throw new ArgumentException("Unknown link or proof type", nameof(request));
        }

        var linkId = StreamIds.Link(request.PhysicianUserId, request.PatientId);
        // The loser of a race re-reads and finds the winner's link: one link, never two.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await TryDeclareAsync(request, linkId, cancellationToken);
            }
            catch (Exception e) when (attempt < 5 && Conflicts.IsConcurrencyConflict(e))
            {
            }
        }
    }

    private async Task<DeclareLinkResult> TryDeclareAsync(DeclareLink request, Guid linkId, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var now = time.GetUtcNow();
        var consent = await session.LoadAsync<PatientConsent>(StreamIds.Consent(request.PatientId), cancellationToken);
        var identity = Inami.TryParse(request.PhysicianInami, out var inami, out _) ? inami.Identity : request.PhysicianInami;
        var exclusion = await session.LoadAsync<Exclusion>(StreamIds.Exclusion(request.PatientId, identity), cancellationToken);
        if (consent?.Status != ConsentStatus.Given || exclusion?.Active == true)
        {
            return new DeclareLinkResult(DeclareLinkOutcome.NotPossible, linkId, null);
        }

        var stream = await session.Events.FetchForWriting<TherapeuticLink>(linkId, cancellationToken);
        var current = stream.Aggregate;
        if (current is not null && current.IsActiveAt(now))
        {
            return new DeclareLinkResult(DeclareLinkOutcome.AlreadyActive, linkId, current.End);
        }

        if (current is null || current.Status != LinkStatus.Pending)
        {
            stream.AppendOne(new LinkDeclared(request.PatientId, request.PhysicianUserId, request.PhysicianInami, request.PhysicianName, request.LinkType, now, request.By));
        }

        if (request.ProofType is null)
        {
            await session.SaveChangesAsync(cancellationToken);
            return new DeclareLinkResult(DeclareLinkOutcome.PendingProof, linkId, null);
        }

        session.Insert(LinkActivationClaim.For(linkId, stream.StartingVersion ?? 0, now));
        var proofReference = request.ProofContent is { } content ? await blobs.PutAsync(content, cancellationToken) : request.ProofReference;
        var end = options.EndOf(request.LinkType, now);
        stream.AppendMany(new LinkProofAttached(request.ProofType, proofReference, now, request.By), new LinkActivated(now, end, now, request.By));
        // CurrentVersion is already the version this commit produces, so the key is the same as after the save.
        var notice = Notices.LinkCreated(linkId, stream.CurrentVersion ?? 0, request.PatientId, request.PhysicianUserId, request.PhysicianName, request.PhysicianInami, request.LinkType, now, end);
        outbox.Stage(session, notice);
        await session.SaveChangesAsync(cancellationToken);
        await outbox.DeliverAsync(notice, cancellationToken);
        return new DeclareLinkResult(DeclareLinkOutcome.Activated, linkId, end);
    }
}
