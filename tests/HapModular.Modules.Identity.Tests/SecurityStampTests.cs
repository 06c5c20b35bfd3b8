using System.Text.Json;
using HapModular.Modules.Identity.Accounts;

namespace HapModular.Modules.Identity.Tests;

/// <summary>
/// An account's security stamp (sessions of an older stamp end): a new account's is random and its own, the same at
/// every read; an account read back keeps the stamp it was stored with.
/// </summary>
public sealed class SecurityStampTests
{
    [Fact]
    public void A_new_account_has_its_own_random_stamp_the_same_at_every_read()
    {
        var (first, second) = (new Account(), new Account());

        Assert.Matches("^[0-9a-f]{32}$", first.SecurityStamp);
        Assert.Equal(first.SecurityStamp, first.SecurityStamp);
        Assert.NotEqual(first.SecurityStamp, second.SecurityStamp);
    }

    [Fact]
    public void An_account_read_back_keeps_its_stored_stamp()
    {
        var stored = new Account { Id = Guid.NewGuid(), Email = "dr.x@example.be" };
        var json = JsonSerializer.Serialize(stored);

        var read = JsonSerializer.Deserialize<Account>(json)!;

        Assert.Equal(stored.SecurityStamp, read.SecurityStamp);
        Assert.Equal(read.SecurityStamp, JsonSerializer.Deserialize<Account>(json)!.SecurityStamp);
    }
}
