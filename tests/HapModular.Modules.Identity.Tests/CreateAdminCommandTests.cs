using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Identity.Tests;

public sealed class CreateAdminCommandTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task The_first_admin_gets_an_account_waiting_for_enrolment_and_a_one_time_link()
    {
        var command = factory.Services.GetServices<IHostCommand>().Single(c => c.Name == "create-admin");

        Assert.Equal(0, await command.RunAsync(["first.admin@chu.example.be", "Anne", "Premier"], factory.Services, CancellationToken.None));
        Assert.Equal(2, await command.RunAsync(["not-an-address"], factory.Services, CancellationToken.None));

        using var scope = factory.Services.CreateScope();
        await using var session = scope.ServiceProvider.GetRequiredService<IIdentityStore>().QuerySession();
        var admin = await session.Query<Account>().SingleAsync(a => a.Email == "first.admin@chu.example.be");
        Assert.Equal(AccountStatus.Enrolling, admin.Status);
        Assert.Equal([Roles.Admin], admin.Roles);
        Assert.Single(await session.Query<AccountToken>().Where(t => t.AccountId == admin.Id && t.Purpose == TokenPurpose.Enrolment).ToListAsync());
    }
}
