using System.Security.Claims;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Authentication;
using HapModular.Modules.Identity.Totp;

namespace HapModular.Modules.Identity.SignIn;

/// <summary>
/// Sign-in, second factor: the authenticator's code, or a recovery code (then used up), for the account the first
/// factor named — still the same account (security stamp) and not signed out since. Answers only "yes" or "no".
/// </summary>
internal sealed class CheckCode(IIdentityStore store, TotpAuthenticator totp, SignInGuard guard)
{
    /// <summary>Checks the second factor (TOTP, or a recovery code which is then used up).</summary>
    public async Task<Account?> RunAsync(ClaimsPrincipal firstFactor, Guid accountId, string? code, string? address, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var account = await session.LoadAsync<Account>(accountId, cancellationToken);
        if (account is null || !account.CanSignIn || account.SecurityStamp != firstFactor.FindFirstValue(IdentitySchemes.StampClaim)
            || await TicketRevocation.IsRevokedAsync(session, firstFactor, cancellationToken))
        {
            return null;
        }

        if (!guard.IsLocked(account) && !await guard.IsAddressLockedAsync(session, address, cancellationToken) && Accept(account, code))
        {
            SignInGuard.Succeeded(account);
            session.Store(account);
            await session.SaveChangesAsync(cancellationToken);
            return account;
        }

        await guard.FailAsync(session, account, address, "wrong-code", cancellationToken);
        return null;
    }

    private bool Accept(Account account, string? code)
    {
        if (RecoveryCodes.LooksLikeOne(code))
        {
            return account.RecoveryCodeHashes.Remove(RecoveryCodes.Hash(code!));
        }

        var step = totp.Verify(totp.Unprotect(account.ProtectedTotpSecret!), code, account.LastTotpStep);
        if (step is null)
        {
            return false;
        }

        account.LastTotpStep = step.Value;
        return true;
    }
}
