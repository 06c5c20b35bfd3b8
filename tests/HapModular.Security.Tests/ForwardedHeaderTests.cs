namespace HapModular.Security.Tests;

/// <summary>
/// Finding: X-Forwarded-For was trusted from any loopback caller, so anyone on the machine (or behind a misrouted
/// proxy) chose the IP address the audit records and the per-address sign-in throttle counts.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ForwardedHeaderTests(AttackedPortal portal)
{
    [Fact]
    public async Task A_forged_X_Forwarded_For_does_not_choose_the_audited_address()
    {
        using var attacker = portal.NewAttacker();
        (await attacker.PasswordStepAsync(DemoPerson.DrLambert, "wrong-password-123", new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.77" })).Dispose();

        var failures = await Database.AuditAsync(portal, "sign-in");
        Assert.DoesNotContain(failures, f => f.Address == "203.0.113.77");
        Assert.Contains(failures, f => f.Outcome == "Failed" && f.Address == "127.0.0.1");
    }
}
