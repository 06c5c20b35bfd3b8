using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Auditing;
using Marten;

namespace HapModular.Modules.Identity.AccessTokens;

/// <summary>Creates, lists and revokes a physician's personal access tokens, and checks one presented by a client.</summary>
internal sealed class AccessTokenService(IIdentityStore store, TokenState state, SecurityAudit audit, TimeProvider time)
{
    /// <summary>How long a token may live, in days (the physician picks one of these).</summary>
    public static readonly IReadOnlyList<int> Lifetimes = [30, 90, 365];

    public const int MaxActiveTokens = 10;

    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<PersonalAccessToken>> ListAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var tokens = await session.Query<PersonalAccessToken>().Where(t => t.AccountId == accountId).ToListAsync(cancellationToken);
        return [.. tokens.OrderByDescending(t => t.CreatedAt)];
    }

    /// <summary>A new token; the secret is returned once and never stored. Null when the name is empty or too many are active.</summary>
    public async Task<string?> CreateAsync(Guid accountId, string name, int days, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length is 0 or > 80 || !Lifetimes.Contains(days))
        {
            return null;
        }

        var now = time.GetUtcNow();
        await using var session = store.LightweightSession();
        var account = await session.LoadAsync<Account>(accountId, cancellationToken);
        var active = await session.Query<PersonalAccessToken>().CountAsync(t => t.AccountId == accountId && t.RevokedAt == null && t.ExpiresAt > now, cancellationToken);
        if (account is not { IsPhysician: true, Status: AccountStatus.Active } || active >= MaxActiveTokens)
        {
            return null;
        }

        var secret = PersonalAccessToken.NewSecret();
        session.Store(new PersonalAccessToken
        {
            Id = Guid.NewGuid(),
            AccountId = accountId,
            Name = name,
            TokenHash = PersonalAccessToken.HashOf(secret),
            Hint = secret[..(PersonalAccessToken.Prefix.Length + 4)],
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        });
        await session.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("access-token-created", AuditOutcome.Allowed, account, reason: $"{days} days", cancellationToken: cancellationToken);
        return secret;
    }

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

    /// <summary>
    /// The account a presented secret stands for, or null: unknown, revoked or expired token; account not active or
    /// no longer enrolled with its second factor (a token was made in a two-factor session and is worth no more).
    /// </summary>
    public async Task<Account?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(PersonalAccessToken.Prefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        var hash = PersonalAccessToken.HashOf(secret);
        var now = time.GetUtcNow();
        var (token, account) = await state.ReadAsync(hash, cancellationToken);
        if (token is null || !token.IsUsable(now))
        {
            return null;
        }

        if (account is not { IsPhysician: true, CanSignIn: true } || account.Id != token.AccountId)
        {
            return null;
        }

        // One write every few minutes at most: a viewer fetching hundreds of frames must not write per frame.
        if (token.LastUsedAt is not { } used || now - used > LastUsedResolution)
        {
            token.LastUsedAt = now;
            await using var session = store.LightweightSession();
            session.Store(token);
            await session.SaveChangesAsync(cancellationToken);
        }

        return account;
    }
}
