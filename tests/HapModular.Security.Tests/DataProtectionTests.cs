namespace HapModular.Security.Tests;

/// <summary>
/// Finding: the data-protection keys (they sign session cookies and encrypt TOTP secrets) sat in clear in
/// <c>identity.data_protection_keys</c>: a database reader could forge sessions and read every TOTP secret.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class DataProtectionTests(AttackedPortal portal)
{
    [Fact]
    public async Task The_key_ring_in_the_database_holds_no_key_in_clear()
    {
        using var attacker = portal.NewAttacker();
        await attacker.SignInAsync(DemoPerson.Desk);

        var keys = await Database.QueryAsync(portal, "SELECT xml FROM identity.data_protection_keys", r => r.GetString(0));
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }
}
