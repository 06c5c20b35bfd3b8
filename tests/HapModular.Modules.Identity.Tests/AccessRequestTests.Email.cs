using HapModular.Modules.Identity.Accounts;
using HapModular.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Identity.Tests;

/// <summary>Finding (issue 13): an access request with another account's e-mail address was accepted.</summary>
public sealed partial class AccessRequestTests
{
    [Fact]
    public async Task A_request_with_the_address_of_another_account_creates_no_account()
    {
        var address = $"taken{Guid.NewGuid():N}@example.be";
        using var client = factory.NewClient();
        (await Forms.PostAsync(client, "/access-request", Fields("10000502003", address))).Dispose();
        // Requests are recorded in the background, one at a time but not necessarily in order: this one first.
        await factory.WaitUntilDoneAsync();

        using var second = await Forms.PostAsync(client, "/access-request", Fields("10000601003", address.ToUpperInvariant()));

        Assert.True((int)second.StatusCode < 500);
        Assert.Empty(await AccountsAsync("10000601"));
        using var scope = factory.Services.CreateScope();
        await using var session = scope.ServiceProvider.GetRequiredService<IIdentityStore>().QuerySession();
        Assert.Single(await session.Query<Account>().Where(a => a.Email == address).ToListAsync());
    }
}
