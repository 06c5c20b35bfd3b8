using System.Net;
using HapModular.Modules.Identity.SignIn;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Identity.Tests;

public sealed class LockoutTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one_until_the_back_off_ends()
    {
        var (account, secret) = await factory.CreateAccountAsync();
        using var client = factory.NewClient();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await Forms.SignInAsync(client, account.Email, "not-the-password-" + i, "000000");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var locked = await Forms.SignInAsync(client, account.Email, IdentityFactory.Password, factory.CodeNow(secret));
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("trop de tentatives", WebUtility.HtmlDecode(await locked.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains(await AuditTrail.ForAsync(factory, account.Id), r => r.Action == "sign-in-lockout");

        factory.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5));
        using var later = await Forms.SignInAsync(client, account.Email, IdentityFactory.Password, factory.CodeNow(secret));
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
    }

    [Fact]
    public async Task Wrong_codes_count_towards_the_lockout_too()
    {
        var (account, secret) = await factory.CreateAccountAsync();
        using var client = factory.NewClient();
        for (var i = 0; i < 5; i++)
        {
            (await Forms.SignInAsync(client, account.Email, IdentityFactory.Password, "12345" + i)).Dispose();
        }

        using var locked = await Forms.SignInAsync(client, account.Email, IdentityFactory.Password, factory.CodeNow(secret));
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(5, (await factory.LoadAsync(account.Id)).Failures);
    }

    [Fact]
    public async Task Twenty_failures_from_one_address_lock_that_address_for_every_account()
    {
        var (account, _) = await factory.CreateAccountAsync();
        using var scope = factory.Services.CreateScope();
        var checkPassword = scope.ServiceProvider.GetRequiredService<CheckPassword>();
        for (var i = 0; i < 20; i++)
        {
            Assert.Null(await checkPassword.RunAsync($"nobody{i}@example.be", "whatever-password", "203.0.113.7", CancellationToken.None));
        }

        Assert.Null(await checkPassword.RunAsync(account.Email, IdentityFactory.Password, "203.0.113.7", CancellationToken.None));
        Assert.NotNull(await checkPassword.RunAsync(account.Email, IdentityFactory.Password, "198.51.100.9", CancellationToken.None));
    }

    [Fact]
    public async Task A_forged_sign_in_post_without_the_anti_forgery_token_is_refused()
    {
        var (account, _) = await factory.CreateAccountAsync();
        using var client = factory.NewClient();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = account.Email, ["Password"] = IdentityFactory.Password });

        using var response = await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
