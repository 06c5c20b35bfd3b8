using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Passwords;
using HapModular.Modules.Identity.Totp;
using HapModular.SharedKernel;
using HapModular.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace HapModular.Modules.Identity.Tests;

/// <summary>
/// The real host on a fresh database, with a cheaper password hash so tests stay fast. Its job server runs: reset and
/// access-request work happens in background jobs (wait with <c>WaitUntilDoneAsync</c>).
/// </summary>
public class IdentityFactory : HapAppFactory
{
    public const string Password = "Correct-Horse-Staple-42";

    protected override bool RunJobs => true;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Identity:PasswordIterations", "20000")];

    /// <summary>A client that keeps cookies but does not follow redirects (tests look at them).</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>An active, enrolled account; returns it and its TOTP secret.</summary>
    internal async Task<(Account Account, string Secret)> CreateAccountAsync(string role = Roles.Physician, string? inami = "18334780004", string? email = null)
    {
        using var scope = Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IIdentityStore>();
        var totp = scope.ServiceProvider.GetRequiredService<TotpAuthenticator>();
        var hasher = scope.ServiceProvider.GetRequiredService<PasswordHasher>();
        var secret = TotpAuthenticator.NewSecret();
        var account = new Account
        {
            Id = Guid.NewGuid(),
            Email = email ?? $"user-{Guid.NewGuid():N}@example.be",
            FirstName = "Marie",
            LastName = "Curie",
            Roles = [role],
            Status = AccountStatus.Active,
            Inami = inami,
            InamiIdentity = inami?[..8],
            PasswordHash = hasher.Hash(Password),
            ProtectedTotpSecret = totp.Protect(secret),
            CreatedAt = Time.GetUtcNow(),
        };
        await using var session = store.LightweightSession();
        session.Store(account);
        await session.SaveChangesAsync();
        return (account, secret);
    }

    /// <summary>A client signed in (for real: password and code) as a new admin.</summary>
    public async Task<HttpClient> SignedInAdminAsync()
    {
        var (admin, secret) = await CreateAccountAsync(Roles.Admin, inami: null);
        var client = NewClient();
        using var response = await Forms.SignInAsync(client, admin.Email, Password, CodeNow(secret));
        return response.StatusCode == System.Net.HttpStatusCode.Redirect ? client : throw new InvalidOperationException("Admin sign-in failed");
    }

    internal async Task<Account> LoadAsync(Guid id)
    {
        using var scope = Services.CreateScope();
        await using var session = scope.ServiceProvider.GetRequiredService<IIdentityStore>().QuerySession();
        return (await session.LoadAsync<Account>(id))!;
    }

    /// <summary>The code the user's phone shows now (host time).</summary>
    public string CodeNow(string secret, int stepsAhead = 0) =>
        new OtpNet.Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(Time.GetUtcNow().UtcDateTime.AddSeconds(30 * stepsAhead));
}
