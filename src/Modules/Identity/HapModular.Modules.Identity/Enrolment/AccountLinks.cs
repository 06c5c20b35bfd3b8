using HapModular.Modules.Identity.Accounts;
using Marten;

namespace HapModular.Modules.Identity.Enrolment;

/// <summary>Issues and checks one-time links (enrolment, password reset).</summary>
internal sealed class AccountLinks(IdentitySettings settings, TimeProvider time)
{
    /// <summary>
    /// Stores a new token in the session (not saved) and returns the link and the token's hash. The link starts with the
    /// configured public address, never with the request's Host (an attacker's choice).
    /// </summary>
    public (string Link, string Hash, DateTimeOffset ExpiresAt) Issue(IDocumentSession session, Account account, TokenPurpose purpose)
    {
        var token = AccountToken.NewToken();
        var expires = time.GetUtcNow() + (purpose == TokenPurpose.Enrolment ? settings.EnrolmentLinkLifetime : settings.ResetLinkLifetime);
        var hash = AccountToken.HashOf(token);
        session.Store(new AccountToken { Id = hash, AccountId = account.Id, Purpose = purpose, IssuedAt = time.GetUtcNow(), ExpiresAt = expires });
        var baseUrl = settings.PublicBaseUrl.AbsoluteUri.TrimEnd('/');
        var path = purpose == TokenPurpose.Enrolment ? "/account/enrol" : "/account/reset-password";
        return ($"{baseUrl}{path}?token={Uri.EscapeDataString(token)}", hash, expires);
    }

    /// <summary>The token and its account when the link is unused, unexpired and for this purpose; else null.</summary>
    public async Task<(AccountToken Token, Account Account)?> FindAsync(IQuerySession session, string? token, TokenPurpose purpose, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var stored = await session.LoadAsync<AccountToken>(AccountToken.HashOf(token), cancellationToken);
        if (stored is null || stored.Purpose != purpose || stored.UsedAt is not null || stored.ExpiresAt <= time.GetUtcNow())
        {
            return null;
        }

        var account = await session.LoadAsync<Account>(stored.AccountId, cancellationToken);
        var expected = purpose == TokenPurpose.Enrolment ? AccountStatus.Enrolling : AccountStatus.Active;
        return account?.Status == expected ? (stored, account) : null;
    }
}
