using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Auditing;
using HapModular.Modules.Identity.Emails;
using HapModular.Modules.Identity.Enrolment;
using HapModular.Modules.Identity.Passwords;
using HapModular.Modules.Identity.Totp;
using Marten;
using Microsoft.AspNetCore.Http;

namespace HapModular.Modules.Identity.PasswordReset;

/// <summary>
/// Password reset by e-mailed one-time link. The link alone is not enough: the authenticator code is still asked,
/// so a stolen mailbox does not open the account. The new password changes the security stamp (sessions end).
/// </summary>
internal sealed class PasswordResetService(IIdentityStore store, AccountLinks links, AccountEmails emails, PasswordHasher hasher, TotpAuthenticator totp, SecurityAudit audit, TimeProvider time)
{
    /// <summary>Wrong authenticator codes one link tolerates: without a cap, a stolen link allows guessing the six digits.</summary>
    public const int MaxWrongCodes = 5;

    /// <summary>Reset e-mails one account may receive per hour: the form is public, so anyone could flood a mailbox.</summary>
    public const int MaxRequestsPerHour = 3;

    /// <summary>Sends a link when an active account has this e-mail; otherwise does nothing (same answer).</summary>
    public async Task RequestAsync(string? email, HttpRequest request, CancellationToken cancellationToken)
    {
        var normalized = (email ?? string.Empty).Trim().ToLowerInvariant();
        await using var session = store.LightweightSession();
        var account = normalized.Length == 0 ? null : await session.Query<Account>().FirstOrDefaultAsync(a => a.Email == normalized && a.Status == AccountStatus.Active, cancellationToken);
        if (account is null)
        {
            return;
        }

        var hourAgo = time.GetUtcNow().AddHours(-1);
        var recent = await session.Query<AccountToken>()
            .CountAsync(t => t.AccountId == account.Id && t.Purpose == TokenPurpose.PasswordReset && t.IssuedAt > hourAgo, cancellationToken);
        if (recent >= MaxRequestsPerHour)
        {
            // Same answer to the requester as any other case: nothing tells them the cap was reached.
            await audit.RecordAsync("password-reset-request", AuditOutcome.Denied, account, "throttled", cancellationToken: cancellationToken);
            return;
        }

        var (link, hash, _) = links.Issue(session, account, TokenPurpose.PasswordReset);
        await session.SaveChangesAsync(cancellationToken);
        await emails.SendPasswordResetAsync(account, link, hash, cancellationToken);
        await audit.RecordAsync("password-reset-request", AuditOutcome.Allowed, account, cancellationToken: cancellationToken);
    }

    public async Task<bool> IsValidAsync(string? token, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await links.FindAsync(session, token, TokenPurpose.PasswordReset, cancellationToken) is not null;
    }

    public async Task<ResetOutcome> ResetAsync(string? token, string password, string? code, CancellationToken cancellationToken)
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
