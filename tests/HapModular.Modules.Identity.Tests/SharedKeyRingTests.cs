using System.Net;
using System.Security.Cryptography;
using HapModular.SharedKernel;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Npgsql;

namespace HapModular.Modules.Identity.Tests;

/// <summary>
/// Issue 15 (scale-out): the data-protection key ring lives in PostgreSQL, encrypted at rest with a secret kept outside
/// it. Hosts configured with the same secret read each other's session cookies; a host with another secret reads none,
/// and the table holds no key in clear.
/// </summary>
public sealed class SharedKeyRingTests
{
    private static readonly string Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task A_session_opened_on_one_host_is_valid_on_a_second_host_with_the_same_secret_and_on_none_without_it()
    {
        await using var first = new KeyRingHost(null, Secret);
        await first.InitializeAsync();
        await using var second = new KeyRingHost(first.ConnectionString, Secret);
        await second.InitializeAsync();
        await using var stranger = new KeyRingHost(first.ConnectionString, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        await stranger.InitializeAsync();

        var (account, totp) = await first.CreateAccountAsync(Roles.Physician);
        var cookies = new CookieContainer();
        using (var onFirst = first.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)))
        {
            using var signedIn = await Forms.SignInAsync(onFirst, account.Email, IdentityFactory.Password, first.CodeNow(totp));
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.True(await SignedInAsync(onFirst));
        }

        using (var onSecond = second.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)))
        {
            Assert.True(await SignedInAsync(onSecond), "the second host must accept the first host's session cookie");
        }

        using (var onStranger = stranger.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)))
        {
            Assert.False(await SignedInAsync(onStranger), "a host without the secret must not read the cookie");
        }

        await using var connection = new NpgsqlConnection(first.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xml FROM identity.data_protection_keys", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            Assert.DoesNotContain("<masterKey", reader.GetString(0), StringComparison.Ordinal);
        }

        Assert.True(rows > 0);
    }

    private static async Task<bool> SignedInAsync(HttpClient client)
    {
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        return (await home.Content.ReadAsStringAsync()).Contains("action=\"/account/sign-out\"", StringComparison.Ordinal);
    }

    /// <summary>A host on its own database, or on <paramref name="database"/> beside another host, with this key-ring secret.</summary>
    private sealed class KeyRingHost(string? database, string secret) : IdentityFactory
    {
        protected override bool RunJobs => false;

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            .. base.Settings,
            new("Hap:DataProtection:Key", secret),
            .. database is null ? [] : new KeyValuePair<string, string?>[] { new("ConnectionStrings:Hap", database) },
        ];
    }
}
