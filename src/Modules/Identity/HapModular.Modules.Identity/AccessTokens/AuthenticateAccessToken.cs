using HapModular.Modules.Identity.Accounts;

namespace HapModular.Modules.Identity.AccessTokens;

/// <summary>The account a secret presented by a DICOMweb client stands for (the bearer scheme, AccessTokenHandler).</summary>
internal sealed class AuthenticateAccessToken(IIdentityStore store, TokenState state, TimeProvider time)
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The account, or null: unknown, revoked or expired token; account not active or no longer enrolled with its second
    /// factor (a token was made in a two-factor session and is worth no more).
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
