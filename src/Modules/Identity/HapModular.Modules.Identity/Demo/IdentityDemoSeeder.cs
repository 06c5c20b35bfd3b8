using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Passwords;
using HapModular.Modules.Identity.Totp;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using Marten;

namespace HapModular.Modules.Identity.Demo;

/// <summary>
/// Creates the demo accounts (approved, enrolled) and resets their password and TOTP secret to the printed ones,
/// so what the console says is always true. Idempotent: accounts are matched by e-mail.
/// </summary>
internal sealed class IdentityDemoSeeder(IIdentityStore store, PasswordHasher hasher, TotpAuthenticator totp, TimeProvider time, IdentitySettings settings) : IDemoSeeder
{
    public int Order => 100;

    public async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var lines = new List<string> { "Demo accounts (e-mail / password / TOTP secret for an authenticator app):" };
        var now = time.GetUtcNow();
        foreach (var demo in DemoAccounts.All)
        {
            var account = await session.Query<Account>().FirstOrDefaultAsync(a => a.Email == demo.Email, cancellationToken)
                ?? new Account { Id = Guid.NewGuid(), Email = demo.Email, CreatedAt = now };
            account.FirstName = demo.FirstName;
            account.LastName = demo.LastName;
            account.Roles = [demo.Role];
            account.Status = AccountStatus.Active;
            account.Inami = demo.Inami;
            account.InamiIdentity = demo.Inami is null ? null : Inami.Parse(demo.Inami).Identity;
            account.Specialty = demo.Specialty;
            account.TermsVersion ??= settings.TermsVersion;
            account.PasswordHash = hasher.Hash(DemoAccounts.Password);
            account.ProtectedTotpSecret = totp.Protect(demo.TotpSecret);
            account.LastTotpStep = 0;
            account.Failures = 0;
            account.LockedUntil = null;
            account.ReverifyOn ??= demo.Inami is null ? null : DateOnly.FromDateTime(now.AddYears(1).UtcDateTime);
            session.Store(account);
            lines.Add($"  {(demo.Role + "  ").PadRight(11)}{demo.Email} / {DemoAccounts.Password} / TOTP secret {demo.TotpSecret}");
        }

        await session.SaveChangesAsync(cancellationToken);
        lines.Add("  (A real installation starts with: HapModular.Host create-admin EMAIL — it prints a one-time enrolment link.)");
        return lines;
    }
}
