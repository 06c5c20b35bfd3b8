using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Passwords;
using Marten;

namespace HapModular.Modules.Identity.SignIn;

/// <summary>
/// Sign-in, first factor: e-mail and password. Does the same work whether or not the account exists (a dummy hash for
/// unknown e-mails) and answers only "yes" or "no".
/// </summary>
internal sealed class CheckPassword(IIdentityStore store, PasswordHasher hasher, SignInGuard guard)
{
    /// <summary>The account when the password is right and neither the account nor the address is locked.</summary>
    public async Task<Account?> RunAsync(string? email, string? password, string? address, CancellationToken cancellationToken)
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
}
