using HapModular.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HapModular.Host.Tests;

/// <summary>Finding (issue 13): over HTTPS the anti-forgery cookie was sent without the Secure flag.</summary>
public sealed class AntiforgeryCookieTests(HapAppFactory factory) : IClassFixture<HapAppFactory>
{
    [Fact]
    public async Task Over_https_the_anti_forgery_cookie_is_secure()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://portal.hap.test"), HandleCookies = false });

        using var page = await client.GetAsync("/account/sign-in");

        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
