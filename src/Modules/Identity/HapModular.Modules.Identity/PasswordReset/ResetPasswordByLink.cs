using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Auditing;
using HapModular.Modules.Identity.Enrolment;
using HapModular.Modules.Identity.Passwords;
using HapModular.Modules.Identity.Totp;

namespace HapModular.Modules.Identity.PasswordReset;

/// <summary>
/// Password reset by e-mailed one-time link (asked for in Pages/Account/ForgotPassword). The link alone is not
/// enough: the authenticator code is still asked, so a stolen mailbox does not open the account. The new password changes the security stamp (sessions end).
/// </summary>
internal sealed class ResetPasswordByLink(IIdentityStore store, AccountLinks links, PasswordHasher hasher, TotpAuthenticator totp, SecurityAudit audit, TimeProvider time)
{
    /// <summary>Wrong authenticator codes one link tolerates: without a cap, a stolen link allows guessing the six digits.</summary>
    public const int MaxWrongCodes = 5;

    public async Task<bool> IsLinkValidAsync(string? token, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await links.FindAsync(session, token, TokenPurpose.PasswordReset, cancellationToken) is not null;
    }

    public async Task<ResetOutcome> RunAsync(string? token, string password, string? code, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await links.FindAsync(session, token, TokenPurpose.PasswordReset, cancellationToken) is not { } found)
        {
            return ResetOutcome.LinkInvalid;
        }

        var (stored, account) = found;
        var step = account.ProtectedTotpSecret is null ? null : totp.Verify(totp.Unprotect(account.ProtectedTotpSecret), code, account.LastTotpStep);
        if (step is null)
        {
            stored.WrongCodes++;
            if (stored.WrongCodes >= MaxWrongCodes)
            {
                stored.UsedAt = time.GetUtcNow();
            }

            session.Store(stored);
            await session.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync("password-reset", AuditOutcome.Failed, account, stored.UsedAt is null ? "wrong-code" : "wrong-code-link-spent", cancellationToken: cancellationToken);
            return ResetOutcome.WrongCode;
        }

        account.LastTotpStep = step.Value;
        account.PasswordHash = hasher.Hash(password);
        account.SecurityStamp = Guid.NewGuid().ToString("N");
        account.Failures = 0;
        account.LockedUntil = null;
        stored.UsedAt = time.GetUtcNow();
        session.Store(account);
        session.Store(stored);
        await session.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("password-reset", AuditOutcome.Allowed, account, cancellationToken: cancellationToken);
        return ResetOutcome.Done;
    }
}

/// <summary>How a reset attempt ended.</summary>
internal enum ResetOutcome
{
    Done,
    LinkInvalid,
    WrongCode,
}
