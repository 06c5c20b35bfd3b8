using System.Globalization;
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

    /// <summary>A valid NISS (R9 check digits) for a birth date and a sequence number, as the demo's patients have.</summary>
    /// <param name="birth">Birth date.</param>
    /// <param name="sequence">Daily sequence (odd for men, even for women).</param>
    /// <returns>The 11 digits.</returns>
    public static string Niss(DateOnly birth, int sequence)
    {
        var body = long.Parse(string.Create(CultureInfo.InvariantCulture, $"{birth.Year % 100:00}{birth.Month:00}{birth.Day:00}{sequence:000}"), CultureInfo.InvariantCulture);
        var check = 97 - (int)((birth.Year >= 2000 ? 2_000_000_000L + body : body) % 97);
        return string.Create(CultureInfo.InvariantCulture, $"{body:000000000}{check:00}");
    }

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
