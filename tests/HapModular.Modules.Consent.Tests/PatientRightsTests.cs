using System.Collections.Concurrent;
using Autofac;
using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Pages.Desk;
using HapModular.Modules.Consent.Pages.Links.Declare;
using HapModular.Modules.Notifications.Contracts;
using HapModular.Modules.Records.Contracts;
using HapModular.SharedKernel;
using HapModular.Testing;
using MediatR;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Consent.Tests;

/// <summary>
/// Issue 12, item 7: with the letter's code and the birth date the patient revokes a link, excludes a physician or
/// withdraws consent — through Consent's own commands (access stops at once), each confirmed by a letter and audited.
/// The code check itself is Notifications' (its tests); here codes are handed out by a double that checks the birth date.
/// </summary>
public sealed class PatientRightsTests(PatientRightsTests.Factory factory) : IClassFixture<PatientRightsTests.Factory>
{
    private static int sequence = 400;

    private readonly TestUser physician = new(Guid.NewGuid(), [Roles.Physician], "10000601007", "Dr Marc Lambert");

    [Fact]
    public async Task The_patient_revokes_a_link_with_the_letter_code_and_the_physician_loses_access_at_once()
    {
        var (patientId, linkId, code) = await LinkedPatientAsync("Lambotte");
        var client = Client();

        var wrong = await (await Forms.PostAsync(client, "/patient-rights", Fields("ZZZZ-ZZZZ-ZZZZ"))).Content.ReadAsStringAsync();
        Assert.Contains("ne correspondent pas", wrong, StringComparison.Ordinal);
        Assert.DoesNotContain("Dr Marc Lambert", wrong, StringComparison.Ordinal);
        var wrongBirth = await (await Forms.PostAsync(client, "/patient-rights", Fields(code, "1971-03-04"))).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Dr Marc Lambert", wrongBirth, StringComparison.Ordinal);

        var page = await (await Forms.PostAsync(client, "/patient-rights", Fields(code))).Content.ReadAsStringAsync();
        Assert.Contains($"data-link=\"{linkId}\"", page, StringComparison.Ordinal);
        Assert.Contains("Dr Marc Lambert", page, StringComparison.Ordinal);
        Assert.Contains("class=\"patient-banner\"", page, StringComparison.Ordinal);

        var unconfirmed = await (await Forms.PostAsync(client, "/patient-rights", Fields(code, extra: [("linkId", linkId.ToString())]), action: "/patient-rights?handler=Revoke")).Content.ReadAsStringAsync();
        Assert.Contains("Cochez la case de confirmation", unconfirmed, StringComparison.Ordinal);
        Assert.True((await CheckAsync(patientId)).Allowed);

        var done = await (await Forms.PostAsync(client, "/patient-rights", Fields(code, extra: [("linkId", linkId.ToString()), ("confirm", "true")]), action: "/patient-rights?handler=Revoke")).Content.ReadAsStringAsync();
        Assert.Contains("Le lien est révoqué", done, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-link=\"{linkId}\"", done, StringComparison.Ordinal);
        Assert.False((await CheckAsync(patientId)).Allowed);

        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM notifications.letters WHERE patient_id = '{patientId}' AND kind = 'LinkEnded'"));
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM audit.records WHERE patient_id = '{patientId}' AND action = 'patient-revoke-link' AND outcome = 'Allowed'"));
        var history = await factory.CreateClient().As(new TestUser(Guid.NewGuid(), [Roles.PatientDesk], null, "Agent")).GetStringAsync($"/desk?patient={patientId}");
        Assert.Contains("Lien révoqué", history, StringComparison.Ordinal);
        Assert.Contains("(patient)", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_patient_excludes_a_physician_and_withdraws_consent_each_confirmed_by_a_letter_and_audited()
    {
        var (patientId, _, code) = await LinkedPatientAsync("Lemaire");
        var client = Client();

        var excluded = await (await Forms.PostAsync(client, "/patient-rights", Fields(code, extra: [("inami", physician.Inami!), ("confirm", "true")]), action: "/patient-rights?handler=Exclude")).Content.ReadAsStringAsync();
        Assert.Contains("Le médecin est exclu", excluded, StringComparison.Ordinal);
        Assert.Equal("excluded", (await CheckAsync(patientId)).Reason);
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM notifications.letters WHERE patient_id = '{patientId}' AND kind = 'ExclusionConfirmed'"));

        var withdrawn = await (await Forms.PostAsync(client, "/patient-rights", Fields(code, extra: [("confirm", "true")]), action: "/patient-rights?handler=Withdraw")).Content.ReadAsStringAsync();
        Assert.Contains("Votre consentement est retiré", withdrawn, StringComparison.Ordinal);
        Assert.Equal(ConsentStatus.Revoked, (await SendAsync(new GetPatientConsentState(patientId))).Status);
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM notifications.letters WHERE patient_id = '{patientId}' AND kind = 'ConsentChanged' AND notice->>'ConsentStatus' = 'withdrawn-by-patient'"));
        Assert.Equal(2, await CountAsync($"SELECT count(*) FROM audit.records WHERE patient_id = '{patientId}' AND action IN ('patient-exclude', 'patient-withdraw-consent')"));
        // Protective only: nothing on the page gives consent back.
        Assert.DoesNotContain("handler=Withdraw", withdrawn, StringComparison.Ordinal);
        Assert.DoesNotContain("Given", withdrawn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_patients_code_cannot_revoke_another_patients_link()
    {
        var (victim, linkId, _) = await LinkedPatientAsync("Delvaux");
        var (_, _, otherCode) = await LinkedPatientAsync("Dumont");

        var page = await (await Forms.PostAsync(Client(), "/patient-rights", Fields(otherCode, extra: [("linkId", linkId.ToString()), ("confirm", "true")]), action: "/patient-rights?handler=Revoke")).Content.ReadAsStringAsync();

        Assert.Contains("Rien n", page, StringComparison.Ordinal);
        Assert.True((await CheckAsync(victim)).Allowed);
    }

    [Fact]
    public async Task The_access_report_leads_to_the_actions_with_the_same_code()
    {
        var (_, _, code) = await LinkedPatientAsync("Piron");
        var report = await (await Forms.PostAsync(Client(), "/patient-report", Fields(code))).Content.ReadAsStringAsync();
        Assert.Contains("action=\"/patient-rights\"", report, StringComparison.Ordinal);
        Assert.Contains("Révoquer un lien, exclure un médecin ou retirer mon consentement", report, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Fields(string code, string birth = "1971-03-03", params (string Name, string Value)[] extra)
    {
        var fields = new Dictionary<string, string> { ["Code"] = code, ["BirthDate"] = birth };
        foreach (var (name, value) in extra)
        {
            fields[name] = value;
        }

        return fields;
    }

    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private Task<AccessDecision> CheckAsync(Guid patientId) => SendAsync(new CheckAccess(physician.UserId, physician.Inami, patientId));

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private async Task<(Guid PatientId, Guid LinkId, string Code)> LinkedPatientAsync(string lastName)
    {
        var birth = new DateOnly(1971, 3, 3);
        var patientId = await SendAsync(new RegisterPatient(LinkPagesTests.NissFor(birth, 2 * Interlocked.Increment(ref sequence)), "Test", lastName, birth, "F", "fr", ["Rue 1", "7000 Mons"], null, false));
        await SendAsync(new RecordConsent(patientId, ConsentStatus.Given, ConsentMethods.Oral, null, "REQ-0", Scenario.Desk));
        var actor = new Actor(physician.UserId, physician.Name, ActorRoles.Physician);
        var declared = await SendAsync(new DeclareLink(patientId, physician.UserId, physician.Inami!, physician.Name, LinkTypes.Gmd, ProofTypes.SignedForm, "scan", actor));
        Assert.Equal(DeclareLinkOutcome.Activated, declared.Outcome);
        var code = $"PAT{Interlocked.Increment(ref sequence)}-CODE";
        factory.Codes[Key(code)] = patientId;
        return (patientId, declared.LinkId, code);
    }

    private static string Key(string code) => new(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    /// <summary>The Consent host whose letter codes are handed out by the test (the birth date is still checked).</summary>
    public sealed class Factory : ConsentFactory
    {
        public ConcurrentDictionary<string, Guid> Codes { get; } = new();

        protected override bool UseTestAuthentication => true;

        protected override void ConfigureTestContainer(ContainerBuilder builder)
        {
            base.ConfigureTestContainer(builder);
            builder.Register(c => new ScriptedCodes(Codes, c.Resolve<IMediator>())).As<IRequestHandler<VerifyPatientAccessCode, Guid?>>().InstancePerDependency();
        }

        private sealed class ScriptedCodes(ConcurrentDictionary<string, Guid> codes, IMediator mediator) : IRequestHandler<VerifyPatientAccessCode, Guid?>
        {
            public async Task<Guid?> Handle(VerifyPatientAccessCode request, CancellationToken cancellationToken)
            {
                if (!codes.TryGetValue(Key(request.Code), out var patient))
                {
                    return null;
                }

                var summary = (await mediator.Send(new GetPatientSummaries([patient]), cancellationToken)).FirstOrDefault();
                return summary?.BirthDate == request.BirthDate ? patient : null;
            }
        }
    }
}
