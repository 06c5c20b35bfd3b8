using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Storage;
using Marten;
using MediatR;

namespace HapModular.Modules.Consent.Expiry;

/// <summary>
/// Records <see cref="LinkExpired"/> for links whose period is over. Access already stopped at the end date (the
/// check compares dates); the event makes the history say so. Run daily and idempotent.
/// </summary>
internal sealed record ExpireLinks : IRequest<int>;

internal sealed class ExpireLinksHandler(IConsentStore store, TimeProvider time) : IRequestHandler<ExpireLinks, int>
{
    public async Task<int> Handle(ExpireLinks request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var session = store.LightweightSession();
        var due = await session.Query<TherapeuticLink>().Where(l => l.Status == LinkStatus.Active && l.End <= now).ToListAsync(cancellationToken);
        foreach (var link in due)
        {
            session.Events.Append(link.Id, link.Version + 1, new LinkExpired(link.End!.Value, now, Actor.System));
        }

        await session.SaveChangesAsync(cancellationToken);
        return due.Count;
    }
}
