using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Identity.Auditing;

namespace HapModular.Modules.Identity.AccessTokens;

/// <summary>A physician revokes one of his own tokens: refused from the next request on, on every host.</summary>
internal sealed class RevokeAccessToken(IIdentityStore store, SecurityAudit audit, TimeProvider time)
{
    /// <summary>False when the token is unknown, another physician's or already revoked.</summary>
    public async Task<bool> RevokeAsync(Guid accountId, Guid tokenId, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var token = await session.LoadAsync<PersonalAccessToken>(tokenId, cancellationToken);
        if (token is null || token.AccountId != accountId || token.RevokedAt is not null)
        {
            return false;
        }

        token.RevokedAt = time.GetUtcNow();
        session.Store(token);
        await session.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("access-token-revoked", AuditOutcome.Allowed, cancellationToken: cancellationToken);
        return true;
    }
}
