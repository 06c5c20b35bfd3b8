using HapModular.Modules.Identity.Contracts;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Shared;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Testing;

/// <summary>
/// The demo as <c>build/run.sh</c> seeds it (accounts, the corpus as records, consent and links), and the three people
/// most tests need: Dr Dupont (INAMI 18334780004) is linked to Marie Dubois, not to Luc Dupont.
/// </summary>
public static class DemoRecord
{
    /// <summary>Runs the Identity, Records and Consent demo seeders (idempotent) and returns the three ids.</summary>
    /// <param name="services">The host's services.</param>
    /// <returns>Dr Dupont's user id, Marie Dubois's and Luc Dupont's patient ids.</returns>
    public static Task<(Guid DrDupont, Guid MarieDubois, Guid LucDupont)> SeedAsync(IServiceProvider services) => SeedAsync(services, documents: true);

    /// <summary>As <see cref="SeedAsync(IServiceProvider)"/> without importing the corpus: accounts, patients, consents, links.</summary>
    /// <param name="services">The host's services.</param>
    /// <returns>Dr Dupont's user id, Marie Dubois's and Luc Dupont's patient ids.</returns>
    public static Task<(Guid DrDupont, Guid MarieDubois, Guid LucDupont)> SeedPeopleAsync(IServiceProvider services) => SeedAsync(services, documents: false);

    private static async Task<(Guid DrDupont, Guid MarieDubois, Guid LucDupont)> SeedAsync(IServiceProvider services, bool documents)
    {
        await using var scope = services.CreateAsyncScope();
        // Records' document import is the seeder between patients (200) and consent (300).
        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().Where(s => s.Order <= 300 && (documents || s.Order is not (> 200 and < 300))).OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(scope.ServiceProvider, default);
        }

        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var physician = (await mediator.Send(new FindPhysicianByInami("18334780004")))!.UserId;
        var marie = (await mediator.Send(new SearchPatients("Dubois Marie"))).Single().PatientId;
        var luc = (await mediator.Send(new SearchPatients("Dupont Luc"))).Single().PatientId;
        return (physician, marie, luc);
    }
}
