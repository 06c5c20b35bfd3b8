using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Storage;
using HapModular.Modules.Consent.Pages.Desk;
using HapModular.Modules.Consent.Pages.Links.Declare;
using HapModular.Modules.Identity.Contracts;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Shared;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Consent.Demo;

/// <summary>
/// Demo consent and links. How consent is recorded for the demo: the patient desk records consent "given"
/// (signed form) for every demo patient, as the hospital does at admission; then Dr Dupont is linked to three patients
/// and Dr Peeters to three others. Luc Dupont and Noah Willems keep no link to Dr Dupont, so the demo can show the
/// denied timeline, the declaration form and emergency access. A patient with any consent history, and a pair with any
/// link history (active, ended or revoked), are left as they are: a restart never undoes a withdrawal or a revocation,
/// and sends no letter.
/// </summary>
internal sealed class ConsentDemoSeeder(IConsentStore store) : IDemoSeeder
{
    private static readonly string[] PatientNames = ["Dubois", "Lambert", "Lefèvre", "Dupont", "Janssens", "Maes", "Peeters", "Willems"];

    private static readonly (string Inami, string[] Patients)[] Links =
    [
        ("18334780004", ["Dubois", "Lambert", "Lefèvre"]),
        ("10000106003", ["Janssens", "Maes", "Peeters"]),
    ];

    private static readonly Actor Desk = new(Guid.Empty, "Guichet patients (démo)", ActorRoles.PatientDesk);

    public int Order => 300;

    public async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var mediator = services.GetRequiredService<IMediator>();
        var patients = new Dictionary<string, PatientSummary>();
        var recorded = 0;
        foreach (var name in PatientNames)
        {
            var found = (await mediator.Send(new SearchPatients(name), cancellationToken)).FirstOrDefault(p => p.LastName == name);
            if (found is not null)
            {
                patients[name] = found;
                if (await HasStreamAsync(StreamIds.Consent(found.PatientId), cancellationToken))
                {
                    continue;
                }

                await mediator.Send(new RecordConsent(found.PatientId, ConsentStatus.Given, ConsentMethods.Signed, null, "DEMO-CONSENT", Desk), cancellationToken);
                recorded++;
            }
        }

        var lines = new List<string> { $"Consent: consent recorded for {recorded} of {patients.Count} demo patients (the others already had a consent history)." };
        foreach (var (inami, names) in Links)
        {
            if (await mediator.Send(new FindPhysicianByInami(inami), cancellationToken) is not { } physician)
            {
                continue;
            }

            var displayName = $"Dr {physician.FirstName} {physician.LastName}";
            var by = new Actor(physician.UserId, displayName, ActorRoles.Physician);
            var linked = new List<string>();
            foreach (var name in names.Where(patients.ContainsKey))
            {
                var patient = patients[name];
                if (await HasStreamAsync(StreamIds.Link(physician.UserId, patient.PatientId), cancellationToken))
                {
                    continue;
                }

                await mediator.Send(
                    new DeclareLink(patient.PatientId, physician.UserId, physician.Inami, displayName, LinkTypes.Consultation, ProofTypes.EidRead, null, by),
                    cancellationToken);
                linked.Add($"{patient.FirstName} {patient.LastName}");
            }

            if (linked.Count > 0)
            {
                lines.Add($"Consent: {displayName} is now linked to {string.Join(", ", linked)}.");
            }
        }

        return lines;
    }

    public Task<IReadOnlyList<string>> DescribeAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(
        [
            .. Links.Select(l => $"Demo links: the physician with INAMI {l.Inami} was linked to {string.Join(", ", l.Patients)} (consent given for every demo patient at the first start)."),
            "  Luc Dupont and Noah Willems have no link to Dr Dupont: try the denied timeline, the link declaration and emergency access.",
        ]);

    private async Task<bool> HasStreamAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await session.Events.FetchStreamStateAsync(id, cancellationToken) is not null;
    }
}
