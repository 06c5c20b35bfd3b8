using System.Security.Claims;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Authentication;
using HapModular.Modules.Identity.Passwords;
using HapModular.Modules.Identity.Totp;
using Marten;

namespace HapModular.Modules.Identity.SignIn;

/// <summary>
/// The two sign-in factors. Both steps do the same work whether or not the account exists (a dummy hash for
/// unknown e-mails) and answer only "yes" or "no".
/// </summary>
internal sealed class SignInService(IIdentityStore store, PasswordHasher hasher, TotpAuthenticator totp, SignInGuard guard)
{
    /// <summary>The account when the password is right and neither the account nor the address is locked.</summary>
    public async Task<Account?> CheckPasswordAsync(string? email, string? password, string? address, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var normalized = (email ?? string.Empty).Trim().ToLowerInvariant();
        var account = normalized.Length == 0 ? null : await session.Query<Account>().FirstOrDefaultAsync(a => a.Email == normalized && a.Status == AccountStatus.Active, cancellationToken);
        var addressLocked = await guard.IsAddressLockedAsync(session, address, cancellationToken);
        var passwordOk = account is { PasswordHash: { } hash } ? hasher.Verify(hash, password ?? string.Empty) : hasher.VerifyDummy(password ?? string.Empty);
        if (account is not null && account.CanSignIn && passwordOk && !guard.IsLocked(account) && !addressLocked)
        {
            return account;
        }

        var reason = account is null ? "unknown-account" : guard.IsLocked(account) || addressLocked ? "locked" : "wrong-password";
        await guard.FailAsync(session, account, address, reason, cancellationToken);
        return null;
    }

    /// <summary>Checks the second factor (TOTP, or a recovery code which is then used up).</summary>
    public async Task<Account?> CheckCodeAsync(ClaimsPrincipal firstFactor, Guid accountId, string? code, string? address, CancellationToken cancellationToken)
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
