using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Passwords;
using HapModular.Modules.Identity.Totp;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using Marten;

namespace HapModular.Modules.Identity.Demo;

/// <summary>
/// Creates the demo accounts (approved, enrolled) with the printed password and TOTP secret. An account that
/// already exists (matched by e-mail) is left as it is: a person may have changed its password or an administrator
/// deactivated it, and a restart must not undo that.
/// </summary>
internal sealed class IdentityDemoSeeder(IIdentityStore store, PasswordHasher hasher, TotpAuthenticator totp, TimeProvider time, IdentitySettings settings) : IDemoSeeder
{
    public int Order => 100;

    public async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var now = time.GetUtcNow();
        var created = 0;
        foreach (var demo in DemoAccounts.All)
        {
            if (await session.Query<Account>().AnyAsync(a => a.Email == demo.Email, cancellationToken))
            {
                continue;
            }

            session.Store(new Account
            {
                Id = Guid.NewGuid(),
                Email = demo.Email,
                CreatedAt = now,
                FirstName = demo.FirstName,
                LastName = demo.LastName,
                Roles = [demo.Role],
                Status = AccountStatus.Active,
                Inami = demo.Inami,
                InamiIdentity = demo.Inami is null ? null : Inami.Parse(demo.Inami).Identity,
                Specialty = demo.Specialty,
                TermsVersion = settings.TermsVersion,
                PasswordHash = hasher.Hash(DemoAccounts.Password),
                ProtectedTotpSecret = totp.Protect(demo.TotpSecret),
                ReverifyOn = demo.Inami is null ? null : DateOnly.FromDateTime(now.AddYears(1).UtcDateTime),
            });
            created++;
        }

        await session.SaveChangesAsync(cancellationToken);
        return [$"Identity: {created} demo accounts created, {DemoAccounts.All.Count - created} already there."];
    }

    public Task<IReadOnlyList<string>> DescribeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var lines = new List<string> { "Demo accounts (e-mail / password / TOTP secret for an authenticator app; public demo secrets):" };
        foreach (var demo in DemoAccounts.All)
        {
            lines.Add($"  {(demo.Role + "  ").PadRight(11)}{demo.Email} / {DemoAccounts.Password} / TOTP secret {demo.TotpSecret}");
        }

        lines.Add("  (A real installation starts with: HapModular.Host create-admin EMAIL — it prints a one-time enrolment link.)");
        return Task.FromResult<IReadOnlyList<string>>(lines);
    }
}
