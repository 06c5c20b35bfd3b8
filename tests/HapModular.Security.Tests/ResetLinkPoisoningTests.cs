using System.Net;

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

    // Outside Development the host refuses to start without its public address: a process test now, because a host that
    // cannot start exits 1 with its reason (Host.ProcessTests/StartupFailureTests).
}
