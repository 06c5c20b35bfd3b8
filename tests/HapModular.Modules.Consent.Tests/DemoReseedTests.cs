using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Pages.Desk;
using HapModular.Modules.Consent.Pages.Patients;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Shared;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Modules.Consent.Tests;

/// <summary>
/// Seeding the demo again (a restart of build/run.sh on the same data folder) never undoes what a person did: a
/// withdrawn consent stays withdrawn, a revoked link stays revoked, and no letter is sent.
/// </summary>
public sealed class DemoReseedTests(HapAppFactory factory) : IClassFixture<HapAppFactory>
{
    [Fact]
    public async Task Seeding_again_keeps_a_withdrawal_and_a_revoked_link_and_sends_no_letter()
    {
        _ = factory.Server;
        await SeedAsync();
        var mediator = factory.Services.GetRequiredService<IMediator>();
        var chloe = (await mediator.Send(new SearchPatients("Lefèvre Chloé"))).Single().PatientId;
        var marie = (await mediator.Send(new SearchPatients("Dubois Marie"))).Single().PatientId;
        await mediator.Send(new RecordConsent(chloe, ConsentStatus.Revoked, ConsentMethods.Oral, null, "REQ-WITHDRAW", Scenario.Desk));
        var link = (await mediator.Send(new GetPatientConsentState(marie))).Links.Single(l => l.Status == LinkStatus.Active && l.PhysicianInami == "18334780004");
        await mediator.Send(new RevokeLink(link.Id, "patient-request", "REQ-REVOKE", Scenario.Desk));
        var letters = await LettersAsync();

        await SeedAsync();

        Assert.Equal(ConsentStatus.Revoked, (await mediator.Send(new GetPatientConsentState(chloe))).Status);
        Assert.Equal(LinkStatus.Revoked, (await mediator.Send(new GetPatientConsentState(marie))).Links.Single(l => l.Id == link.Id).Status);
        Assert.DoesNotContain((await mediator.Send(new GetPatientConsentState(marie))).Links, l => l.Status == LinkStatus.Active && l.PhysicianInami == "18334780004");
        Assert.Equal(letters, await LettersAsync());
    }

    private async Task SeedAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().Where(s => s.Order is 100 or 200 or 300).OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(scope.ServiceProvider, default);
        }
    }

    private async Task<long> LettersAsync()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM notifications.letters", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
