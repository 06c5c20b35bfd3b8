using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Auditing;
using Marten;

namespace HapModular.Modules.Identity.SignIn;

/// <summary>
/// Failure counting and lockout with back-off, per account and per client address. A locked account or address
/// gets the same answer as a wrong password, so lockout reveals nothing about which accounts exist.
/// </summary>
internal sealed class SignInGuard(IdentitySettings settings, TimeProvider time, SecurityAudit audit)
{
    public async Task<bool> IsAddressLockedAsync(IQuerySession session, string? address, CancellationToken cancellationToken)
    {
        var throttle = address is null ? null : await session.LoadAsync<AddressThrottle>(address, cancellationToken);
        return throttle?.LockedUntil > time.GetUtcNow();
    }

    public bool IsLocked(Account account) => account.LockedUntil > time.GetUtcNow();

    /// <summary>Counts a failure against the account (if known) and the address; records failure and lockout.</summary>
    public async Task FailAsync(IDocumentSession session, Account? account, string? address, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lockedNow = false;
        if (account is not null && !IsLocked(account))
        {
            account.Failures++;
            if (account.Failures >= settings.AccountLockoutThreshold)
            {
                account.LockedUntil = now + IdentitySettings.BackOff(account.Failures, settings.AccountLockoutThreshold);
                lockedNow = true;
            }

            session.Store(account);
        }

        if (address is not null)
        {
            var throttle = await session.LoadAsync<AddressThrottle>(address, cancellationToken) ?? new AddressThrottle { Id = address };
            if (now - throttle.LastFailure > TimeSpan.FromHours(1))
            {
                throttle.Failures = 0;
            }

            throttle.Failures++;
            throttle.LastFailure = now;
            if (throttle.Failures >= settings.AddressLockoutThreshold && !(throttle.LockedUntil > now))
            {
                throttle.LockedUntil = now + IdentitySettings.BackOff(throttle.Failures, settings.AddressLockoutThreshold);
                await audit.RecordAsync("sign-in-lockout", AuditOutcome.Denied, reason: "address", clientAddress: address, cancellationToken: cancellationToken);
            }

            session.Store(throttle);
        }

        await session.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("sign-in", AuditOutcome.Failed, account, reason, address, cancellationToken);
        if (lockedNow)
        {
            await audit.RecordAsync("sign-in-lockout", AuditOutcome.Denied, account, "account", address, cancellationToken);
        }
    }

    public static void Succeeded(Account account)
    {
        account.Failures = 0;
        account.LockedUntil = null;
    }
}
