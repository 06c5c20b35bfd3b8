using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Auditing;
using HapModular.Modules.Identity.Passwords;
using HapModular.Modules.Identity.Totp;

namespace HapModular.Modules.Identity.Enrolment;

/// <summary>
/// Enrolment through a one-time link, last step: password and TOTP authenticator set, recovery codes issued; the link
/// is used up and the account active.
/// </summary>
internal sealed class CompleteEnrolment(IIdentityStore store, AccountLinks links, PasswordHasher hasher, TotpAuthenticator totp, SecurityAudit audit, TimeProvider time)
{
    /// <summary>Completes enrolment; returns the recovery codes to show once, or null when the link is no longer valid.</summary>
    public async Task<(Account Account, IReadOnlyList<string> RecoveryCodes)?> RunAsync(string token, string password, string secret, long step, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await links.FindAsync(session, token, TokenPurpose.Enrolment, cancellationToken) is not { } found)
        {
            return null;
        }

        var (stored, account) = found;
        var codes = RecoveryCodes.Generate();
        account.PasswordHash = hasher.Hash(password);
        account.ProtectedTotpSecret = totp.Protect(secret);
        account.LastTotpStep = step;
        account.RecoveryCodeHashes = codes.Select(RecoveryCodes.Hash).ToList();
        account.Status = AccountStatus.Active;
        account.SecurityStamp = Guid.NewGuid().ToString("N");
        account.Failures = 0;
        account.LockedUntil = null;
        stored.UsedAt = time.GetUtcNow();
        session.Store(account);
        session.Store(stored);
        await session.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("enrol", AuditOutcome.Allowed, account, cancellationToken: cancellationToken);
        return (account, codes);
    }
}
