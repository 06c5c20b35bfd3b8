using System.Net;
using HapModular.SharedKernel;
using HapModular.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HapModular.Host.Tests;

/// <summary>
/// Every signed-in page carries the sign-out form's anti-forgery token, which the host hands out again for the same
/// anti-forgery cookie and user instead of encrypting a new one per page: the token must still sign out, and must never
/// be another user's.
/// </summary>
public sealed class SignOutTokenTests(SignOutTokenTests.Factory factory) : IClassFixture<SignOutTokenTests.Factory>
{
    public sealed class Factory : HapAppFactory
    {
        protected override bool UseTestAuthentication => true;
    }

    private static readonly TestUser Alice = new(Guid.NewGuid(), [Roles.Physician], "18334780004", "Dr Alice");
    private static readonly TestUser Bob = new(Guid.NewGuid(), [Roles.Physician], "10000106003", "Dr Bob");

    [Fact]
    public async Task A_token_read_on_an_earlier_page_still_signs_out()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.As(Alice);
        var first = await PageForms.TokenAsync(client, "/");
        var second = await PageForms.TokenAsync(client, "/");

        using var signOut = await PageForms.PostWithTokenAsync(client, "/account/sign-out", first, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.False(string.IsNullOrEmpty(second));
    }

    [Fact]
    public async Task Another_user_in_the_same_browser_gets_his_own_token_and_not_the_previous_one()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.As(Alice);
        var alices = await PageForms.TokenAsync(client, "/");
        client.As(Bob);
        var bobs = await PageForms.TokenAsync(client, "/");

        using var withAlices = await PageForms.PostWithTokenAsync(client, "/account/sign-out", alices, new Dictionary<string, string>());
        using var withHis = await PageForms.PostWithTokenAsync(client, "/account/sign-out", bobs, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.BadRequest, withAlices.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withHis.StatusCode);
    }
}
