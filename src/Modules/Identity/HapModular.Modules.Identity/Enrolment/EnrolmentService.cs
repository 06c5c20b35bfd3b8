using System.Globalization;
using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Auditing;
using HapModular.Modules.Identity.Passwords;
using HapModular.Modules.Identity.Totp;
using Microsoft.AspNetCore.DataProtection;

namespace HapModular.Modules.Identity.Enrolment;

/// <summary>
/// Enrolment through a one-time link: password + TOTP authenticator, then recovery codes. The new TOTP secret
/// travels between the two requests in a hidden field encrypted for this token only, for 30 minutes.
/// </summary>
internal sealed class EnrolmentService(IIdentityStore store, AccountLinks links, PasswordHasher hasher, TotpAuthenticator totp, SecurityAudit audit, TimeProvider time, IDataProtectionProvider protection)
{
    public async Task<Account?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return (await links.FindAsync(session, token, TokenPurpose.Enrolment, cancellationToken))?.Account;
    }

    // The expiry is inside the encrypted payload and checked on the host's TimeProvider (not the system clock).
    public string ProtectSecret(string token, string secret) =>
        Protector(token).Protect((time.GetUtcNow() + TimeSpan.FromMinutes(30)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "|" + secret);

    public string? UnprotectSecret(string token, string? protectedSecret)
    {
        try
        {
            var parts = protectedSecret is null ? [] : Protector(token).Unprotect(protectedSecret).Split('|');
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                && DateTimeOffset.FromUnixTimeSeconds(expires) > time.GetUtcNow() ? parts[1] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Completes enrolment; returns the recovery codes to show once, or null when the link is no longer valid.</summary>
    public async Task<(Account Account, IReadOnlyList<string> RecoveryCodes)?> CompleteAsync(string token, string password, string secret, long step, CancellationToken cancellationToken)
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

    private IDataProtector Protector(string token) =>
        protection.CreateProtector("HapModular.Identity.Enrolment.v1", AccountToken.HashOf(token));
}
