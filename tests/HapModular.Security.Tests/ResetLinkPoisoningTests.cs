using System.Net;
using HapModular.Testing;
using Microsoft.AspNetCore.Hosting;

namespace HapModular.Security.Tests;

/// <summary>
/// Finding: the e-mailed reset link was built from the request's Host header, so a POST with
/// <c>Host: evil.example.com</c> mailed a physician a genuine token on the attacker's site.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ResetLinkPoisoningTests(AttackedPortal portal)
{
    [Fact]
    public async Task A_reset_link_is_built_on_the_configured_address_whatever_the_Host_header()
    {
        using var attacker = portal.NewAttacker();
        using var response = await attacker.PostFormAsync(
            "/account/forgot-password",
            new Dictionary<string, string> { ["Email"] = DemoPerson.DrPeeters.Email },
            headers: new Dictionary<string, string> { ["Host"] = "evil.example.com", ["X-Forwarded-Host"] = "evil.example.com" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        static bool IsReset((string Subject, string Body) m) => m.Body.Contains("/account/reset-password", StringComparison.Ordinal);
        var mail = Assert.Single(await Database.MailsToAsync(portal, DemoPerson.DrPeeters.Email, IsReset), IsReset);
        Assert.DoesNotContain("evil.example.com", mail.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(AttackedPortal.PublicBaseUrl + "/account/reset-password?token=", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_Development_the_host_refuses_to_start_without_a_public_address()
    {
        await using var production = new UnconfiguredProduction();
        await production.InitializeAsync();
        var refused = Assert.ThrowsAny<Exception>(() => production.Server);
        Assert.Contains("Hap:PublicBaseUrl", refused.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A production host with everything else it requires, but no public base URL.</summary>
    private sealed class UnconfiguredProduction : HapAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Records:NissKey", Convert.ToBase64String(new byte[32])),
            new("Hap:DataProtection:Key", Convert.ToBase64String(new byte[32])),
            new("Hap:Audit:Key", Convert.ToBase64String(new byte[32])),
        ];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("Hap:PublicBaseUrl", string.Empty);
            builder.UseSetting("Identity:PublicBaseUrl", string.Empty);
        }
    }
}
