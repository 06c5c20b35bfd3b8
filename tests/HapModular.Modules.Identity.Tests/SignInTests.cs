using System.Net;
using HapModular.Modules.Identity.Contracts;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Identity.Tests;

public sealed class SignInTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task Password_then_code_opens_a_session_that_names_the_physician()
    {
        var (account, secret) = await factory.CreateAccountAsync();
        using var client = factory.NewClient();

        using var response = await Forms.SignInAsync(client, account.Email, IdentityFactory.Password, factory.CodeNow(secret));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("Dr Marie Curie", home, StringComparison.Ordinal);
    }

    /// <summary>Issue 12: a physician lands on his patients, the desk on the desk; a page asked for still wins.</summary>
    [Theory]
    [InlineData(Roles.Physician, null, "/patients")]
    [InlineData(Roles.Physician, "/", "/patients")]
    [InlineData(Roles.Physician, "/links/declare", "/links/declare")]
    [InlineData(Roles.PatientDesk, null, "/desk")]
    [InlineData(Roles.Physician, "https://evil.example/", "/patients")]
    public async Task After_sign_in_each_person_lands_on_their_own_work(string role, string? returnUrl, string landing)
    {
        var (account, secret) = await factory.CreateAccountAsync(role, inami: role == Roles.Physician ? "18334780004" : null, email: $"landing-{Guid.NewGuid():N}@hap.test");
        using var client = factory.NewClient();
        var signIn = returnUrl is null ? "/account/sign-in" : "/account/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl);
        using var first = await Forms.PostAsync(client, signIn, new Dictionary<string, string> { ["Email"] = account.Email, ["Password"] = IdentityFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var codePage = first.Headers.Location!.OriginalString;

        using var response = await Forms.PostAsync(client, codePage, new Dictionary<string, string> { ["Code"] = factory.CodeNow(secret) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(landing, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_password_alone_does_not_sign_in()
    {
        var (account, _) = await factory.CreateAccountAsync();
        using var client = factory.NewClient();

        using var response = await Forms.SignInAsync(client, account.Email, IdentityFactory.Password, "000000");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Code incorrect", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Marie Curie", await client.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_is_accepted_only_once()
    {
        var (account, secret) = await factory.CreateAccountAsync();
        var code = factory.CodeNow(secret);
        using (var first = factory.NewClient())
        {
            Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(first, account.Email, IdentityFactory.Password, code)).StatusCode);
        }

        using var replay = factory.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await Forms.SignInAsync(replay, account.Email, IdentityFactory.Password, code)).StatusCode);
    }

    [Fact]
    public async Task Contracts_answer_for_an_active_physician()
    {
        var (account, _) = await factory.CreateAccountAsync(inami: "10000106003");
        using var scope = factory.Services.CreateScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        Assert.True(await mediator.Send(new IsAccountActive(account.Id)));
        Assert.False(await mediator.Send(new IsAccountActive(Guid.NewGuid())));
        var byIdentity = await mediator.Send(new FindPhysicianByInami("10000106"));
        Assert.Equal(account.Id, byIdentity?.UserId);
        var physicians = await mediator.Send(new GetPhysicians([account.Id]));
        Assert.Equal("10000106003", Assert.Single(physicians).Inami);
        var staff = await factory.CreateAccountAsync(Roles.Admin, inami: null);
        Assert.Empty(await mediator.Send(new GetPhysicians([staff.Account.Id])));
    }
}
