using System.Globalization;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Patients;
using HapModular.Modules.Records.Storage;
using HapModular.Modules.Shared;
using Marten;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Demo;

/// <summary>
/// Eight synthetic patients (French and Dutch names, valid but invented NISS, some with e-mail). A patient whose NISS
/// is already registered is left as it is (the desk may have changed an address). Other modules find them through
/// <see cref="SearchPatients"/>.
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

    /// <summary>The demo patients' ids, registering only those whose NISS is not known yet.</summary>
    public static async Task<IReadOnlyList<Guid>> EnsureAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IRecordsStore>();
        var protector = services.GetRequiredService<NissProtector>();
        var mediator = services.GetRequiredService<IMediator>();
        var ids = new List<Guid>();
        await using var session = store.QuerySession();
        foreach (var patient in All)
        {
            var hash = protector.Hash(patient.NissDigits);
            var existing = await session.Query<Patient>().Where(p => p.NissHash == hash).Select(p => p.Id).ToListAsync(cancellationToken);
            ids.Add(existing.Count > 0 ? existing[0] : await mediator.Send(patient, cancellationToken));
        }

        return ids;
    }

    public async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await EnsureAsync(services, cancellationToken);
        return [$"Records: {All.Count} demo patients."];
    }

    public Task<IReadOnlyList<string>> DescribeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        // Printed to the console of the demo only: these NISS are invented (valid check digits, no real person);
        // a real NISS is never printed or logged.
        var lines = new List<string> { "Demo patients (SYNTHETIC NISS, demo only — name, birth date, NISS):" };
        lines.AddRange(All.Select(p => string.Create(CultureInfo.InvariantCulture, $"  {p.FirstName} {p.LastName}, born {p.BirthDate:yyyy-MM-dd}, NISS {Formatted(p.NissDigits)}")));
        return Task.FromResult<IReadOnlyList<string>>(lines);
    }

    private static string Formatted(string d) => $"{d[..2]}.{d[2..4]}.{d[4..6]}-{d[6..9]}.{d[9..]}";

    private static RegisterPatient Make(string first, string last, DateOnly birth, int sequence, string sex, string language, string[] address, string? email) =>
        new(DemoNiss.For(birth, sequence), first, last, birth, sex, language, address, email, email is not null);
}
