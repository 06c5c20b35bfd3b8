using System.Security.Claims;
using Marten;

namespace HapModular.Modules.Identity.Authentication;

/// <summary>Revokes one cookie ticket server-side (sign-out, a spent first factor) and answers whether one is revoked.</summary>
internal sealed class TicketRevocation(IIdentityStore store, IdentitySettings settings, TimeProvider time)
{
    /// <summary>Revokes the ticket of <paramref name="principal"/>; a principal without a ticket id has nothing to revoke.</summary>
    public async Task RevokeAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.FindFirstValue(IdentitySchemes.TicketClaim) is not { Length: > 0 } id)
        {
            return;
        }

        var now = time.GetUtcNow();
        await using var session = store.LightweightSession();
        session.Store(new RevokedTicket { Id = id, RevokedAt = now, KeepUntil = now + settings.AbsoluteLifetime });
        await session.SaveChangesAsync(cancellationToken);
    }

    /// <summary>True when the ticket was revoked, or carries no id (a cookie issued before tickets existed is not trusted).</summary>
    public static async Task<bool> IsRevokedAsync(IQuerySession session, ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        principal.FindFirstValue(IdentitySchemes.TicketClaim) is not { Length: > 0 } id
        || await session.LoadAsync<RevokedTicket>(id, cancellationToken) is not null;
}
