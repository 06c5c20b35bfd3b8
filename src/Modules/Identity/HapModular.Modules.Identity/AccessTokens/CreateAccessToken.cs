using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Auditing;
using Marten;

namespace HapModular.Modules.Identity.AccessTokens;

/// <summary>A new personal access token for an active physician; the secret is returned once and never stored.</summary>
internal sealed class CreateAccessToken(IIdentityStore store, SecurityAudit audit, TimeProvider time)
{
    /// <summary>How long a token may live, in days (the physician picks one of these).</summary>
    public static readonly IReadOnlyList<int> Lifetimes = [30, 90, 365];

    public const int MaxActiveTokens = 10;

    /// <summary>The secret, or null when the name is empty or too long, the lifetime not offered or too many are active.</summary>
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
}
