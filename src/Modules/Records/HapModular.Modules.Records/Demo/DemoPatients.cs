using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Shared;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Demo;

/// <summary>
/// Eight synthetic patients (French and Dutch names, valid NISS, some with e-mail). Registering is an upsert on
/// the NISS, so seeding again changes nothing. Other modules find them through <see cref="SearchPatients"/>.
/// </summary>
internal sealed class DemoPatients : IDemoSeeder
{
    /// <summary>The demo patients: NISS sequence is odd for men, even for women.</summary>
    public static readonly IReadOnlyList<RegisterPatient> All =
    [
        Make("Marie", "Dubois", new DateOnly(1956, 3, 14), 2, "F", "fr", ["Rue de la Station 12", "7000 Mons"], "marie.dubois@example.org"),
        Make("Jean", "Lambert", new DateOnly(1948, 11, 2), 17, "M", "fr", ["Avenue des Tilleuls 4", "7000 Mons"], null),
        Make("Chloé", "Lefèvre", new DateOnly(1989, 7, 30), 34, "F", "fr", ["Chaussée de Binche 101", "7000 Mons"], "chloe.lefevre@example.org"),
        Make("Luc", "Dupont", new DateOnly(1972, 1, 9), 51, "M", "fr", ["Rue du Onze Novembre 8", "7100 La Louvière"], null),
        Make("Pieter", "Janssens", new DateOnly(1965, 5, 21), 73, "M", "nl", ["Kerkstraat 15", "9000 Gent"], "pieter.janssens@example.org"),
        Make("Sofie", "Maes", new DateOnly(2003, 9, 5), 86, "F", "nl", ["Molenstraat 3", "8500 Kortrijk"], null),
        Make("An", "Peeters", new DateOnly(1981, 12, 24), 108, "F", "nl", ["Dorpsplein 22", "3000 Leuven"], "an.peeters@example.org"),
        Make("Noah", "Willems", new DateOnly(2015, 4, 17), 121, "M", "nl", ["Stationsstraat 40", "2800 Mechelen"], null),
    ];

    public int Order => 200;

    public async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var mediator = services.GetRequiredService<IMediator>();
        foreach (var patient in All)
        {
            await mediator.Send(patient, cancellationToken);
        }

        return [$"Records: {All.Count} demo patients (e.g. {All[0].FirstName} {All[0].LastName}, born {All[0].BirthDate:yyyy-MM-dd})."];
    }

    private static RegisterPatient Make(string first, string last, DateOnly birth, int sequence, string sex, string language, string[] address, string? email) =>
        new(DemoNiss.For(birth, sequence), first, last, birth, sex, language, address, email, email is not null);
}
