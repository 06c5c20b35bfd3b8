using System.Globalization;
using System.Net;
using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Pages.Desk;
using HapModular.Modules.Records.Contracts;
using HapModular.SharedKernel;
using HapModular.Testing;
using MediatR;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Consent.Tests;

/// <summary>J2 and J3 through the real pages: declaring a link, the neutral answer, My patients, the desk revoking.</summary>
public sealed partial class LinkPagesTests(PagesFactory factory) : IClassFixture<PagesFactory>
{
    private static int sequence = 100;

    private readonly TestUser physician = new(Guid.NewGuid(), [Roles.Physician], "18334780004", "Dr Anne Lejeune");

    [Fact]
    public async Task A_declared_link_with_a_scanned_consent_shows_the_patient_in_my_patients_until_the_desk_revokes_it()
    {
        var (patient, niss) = await PatientWithConsentAsync("Lefèvre", new DateOnly(1971, 4, 12));
        var client = Client(physician);

        var response = await Forms.PostAsync(client, "/links/declare", Declaration(niss, "lefevre", "1971-04-12"), Scan());
        var myPatients = await Forms.FollowAsync(client, response);

        Assert.Contains("LEFÈVRE", myPatients, StringComparison.Ordinal);
        Assert.Contains($"href=\"/patients/{patient.PatientId}\"", myPatients, StringComparison.Ordinal);
        Assert.Contains("Lien enregistré", myPatients, StringComparison.Ordinal);

        var desk = Client(new TestUser(Guid.NewGuid(), [Roles.PatientDesk], null, "Agent Dupont"));
        var deskPage = await desk.GetStringAsync($"/desk?patient={patient.PatientId}");
        Assert.Contains("Dr Anne Lejeune", deskPage, StringComparison.Ordinal);
        var linkId = System.Text.RegularExpressions.Regex.Match(deskPage, "data-link=\"([0-9a-f-]+)\"").Groups[1].Value;
        var revoked = await Forms.PostAsync(desk, $"/desk?patient={patient.PatientId}",
            new Dictionary<string, string> { ["patient"] = patient.PatientId.ToString(), ["linkId"] = linkId, ["reference"] = "REQ-2026-118" }, action: $"/desk?handler=Revoke");
        var after = await Forms.FollowAsync(desk, revoked);
        Assert.Contains("Lien révoqué", after, StringComparison.Ordinal);
        Assert.Contains("REQ-2026-118", after, StringComparison.Ordinal);

        // Revoked by the desk: listed apart without a way into the record and without saying who ended it (issue 12).
        var mine = await client.GetStringAsync("/patients");
        Assert.DoesNotContain($"href=\"/patients/{patient.PatientId}\"", mine, StringComparison.Ordinal);
        Assert.Contains("ne donne plus accès", mine[mine.IndexOf("id=\"links-ended\"", StringComparison.Ordinal)..].Replace("&#x27;", "'", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_niss_and_a_mismatch_get_the_same_neutral_answer()
    {
        var (_, niss) = await PatientWithConsentAsync("Maes", new DateOnly(1980, 2, 3));
        var client = Client(physician);

        var unknown = await (await Forms.PostAsync(client, "/links/declare", Declaration(NissFor(new DateOnly(1980, 2, 3), 999 - 2 * sequence++), "Maes", "1980-02-03"), Scan())).Content.ReadAsStringAsync();
        var wrongName = await (await Forms.PostAsync(client, "/links/declare", Declaration(niss, "Maas", "1980-02-03"), Scan())).Content.ReadAsStringAsync();
        var wrongBirth = await (await Forms.PostAsync(client, "/links/declare", Declaration(niss, "Maes", "1980-02-04"), Scan())).Content.ReadAsStringAsync();

        const string neutral = "Aucun lien n&#x27;a pu être enregistré";
        Assert.All(new[] { unknown, wrongName, wrongBirth }, page => Assert.Contains(neutral, page.Replace("'", "&#x27;", StringComparison.Ordinal), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_patient_without_consent_gets_the_same_neutral_answer()
    {
        var birth = new DateOnly(1962, 8, 19);
        var niss = NissFor(birth, 2 * sequence++);
        await RegisterAsync(niss, "Renard", birth);

        var page = await (await Forms.PostAsync(Client(physician), "/links/declare", Declaration(niss, "Renard", "1962-08-19"), Scan())).Content.ReadAsStringAsync();

        Assert.Contains("Aucun lien", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("85061300179", "chiffres de contrôle")]
    [InlineData("85061300079", "000 ou 999")]
    [InlineData("8506130017", "11 chiffres")]
    [InlineData("99022900158", "n&#x27;existe pas")]
    public async Task An_invalid_niss_is_explained_next_to_the_field(string niss, string message)
    {
        var response = await Forms.PostAsync(Client(physician), "/links/declare", Declaration(niss, "Maes", "1980-02-03"), Scan());
        var page = (await response.Content.ReadAsStringAsync()).Replace("'", "&#x27;", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("photos/heic_photo_pug.heic")]
    [InlineData("MANIFEST.md")]
    public async Task A_proof_that_is_not_pdf_jpeg_or_png_by_its_bytes_is_refused(string corpusFile)
    {
        var (_, niss) = await PatientWithConsentAsync("Willems", new DateOnly(1990, 6, 6));
        var bytes = await File.ReadAllBytesAsync(Corpus.File(corpusFile));
        var page = await (await Forms.PostAsync(Client(physician), "/links/declare", Declaration(niss, "Willems", "1990-06-06"), ("ProofFile", "consent.jpg", bytes))).Content.ReadAsStringAsync();
        Assert.Contains("Seuls les fichiers PDF, JPEG et PNG", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proof_over_the_size_cap_is_refused()
    {
        var (_, niss) = await PatientWithConsentAsync("Janssens", new DateOnly(1966, 1, 1));
        var big = new byte[300_000];
        big[0] = 0xFF; big[1] = 0xD8; big[2] = 0xFF;
        var page = await (await Forms.PostAsync(Client(physician), "/links/declare", Declaration(niss, "Janssens", "1966-01-01"), ("ProofFile", "big.jpg", big))).Content.ReadAsStringAsync();
        Assert.Contains("Le fichier dépasse", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_patient_can_sign_on_the_screen_instead()
    {
        var (_, niss) = await PatientWithConsentAsync("Peeters", new DateOnly(1981, 12, 24));
        var png = ConsentProofs.Signature();
        var fields = new Dictionary<string, string>(Declaration(niss, "Peeters", "1981-12-24"))
        {
            ["ProofMode"] = "signature",
            ["Signature"] = "data:image/png;base64," + Convert.ToBase64String(png),
        };
        var client = Client(physician);
        var myPatients = await Forms.FollowAsync(client, await Forms.PostAsync(client, "/links/declare", fields));
        Assert.Contains("PEETERS", myPatients, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_ending_within_30_days_are_highlighted_and_can_be_renewed_with_a_new_proof()
    {
        var (patient, niss) = await PatientWithConsentAsync("Dubois", new DateOnly(1956, 3, 14));
        var client = Client(physician);
        await Forms.FollowAsync(client, await Forms.PostAsync(client, "/links/declare", Declaration(niss, "Dubois", "1956-03-14"), Scan()));
        factory.Time.Advance(TimeSpan.FromDays(70));

        var page = await client.GetStringAsync("/patients");
        Assert.Matches($"<tr class=\"expiring\" data-patient=\"{patient.PatientId}\"", page);

        var linkId = System.Text.RegularExpressions.Regex.Match(page[page.IndexOf(patient.PatientId.ToString(), StringComparison.Ordinal)..], "name=\"linkId\" value=\"([0-9a-f-]+)\"").Groups[1].Value;
        var renewed = await Forms.FollowAsync(client, await Forms.PostAsync(client, "/patients", new Dictionary<string, string> { ["linkId"] = linkId }, ("proofFile", "new.jpg", Scan().Item3), "/patients?handler=Renew"));
        Assert.Contains("Lien renouvelé", renewed, StringComparison.Ordinal);
        Assert.DoesNotMatch($"<tr class=\"expiring\" data-patient=\"{patient.PatientId}\"", renewed);
    }

    [Fact]
    public async Task The_signature_pad_script_and_styles_are_served()
    {
        var client = Client(physician);
        Assert.Contains("signature-pad", await client.GetStringAsync("/_content/HapModular.Modules.Consent/js/signature-pad.js"), StringComparison.Ordinal);
        Assert.Contains(".signature-pad", await client.GetStringAsync("/_content/HapModular.Modules.Consent/css/consent.css"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_niss_reaches_the_logs_the_audit_trail_the_events_or_the_job_arguments()
    {
        var (_, niss) = await PatientWithConsentAsync("Hermans", new DateOnly(1958, 2, 2));
        var client = Client(physician);
        await Forms.FollowAsync(client, await Forms.PostAsync(client, "/links/declare", Declaration(niss, "Hermans", "1958-02-02"), Scan()));
        await Forms.PostAsync(client, "/links/declare", Declaration(niss, "Herman", "1958-02-02"), Scan());
        await Forms.PostAsync(client, "/links/declare", Declaration(niss[..10] + (niss[10] == '0' ? "1" : "0"), "Hermans", "1958-02-02"), Scan());

        Assert.NotEmpty(factory.Logs.Lines);
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains(niss, StringComparison.Ordinal));
        await using var connection = new Npgsql.NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            "SELECT coalesce(string_agg(data::text, ' '), '') FROM consent.mt_events",
            "SELECT coalesce(string_agg(arguments::text || invocationdata::text, ' '), '') FROM hangfire.job",
            "SELECT coalesce(string_agg(notice::text, ' '), '') FROM notifications.letters",
            "SELECT coalesce(string_agg(concat_ws(' ', action, reason, actor_name, document_title), ' '), '') FROM audit.records",
        })
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, connection);
            Assert.DoesNotContain(niss, (string)(await command.ExecuteScalarAsync())!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Other_roles_cannot_declare_links()
    {
        var response = await Client(new TestUser(Guid.NewGuid(), [Roles.PatientDesk])).GetAsync("/links/declare");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    internal static string NissFor(DateOnly birth, int seq)
    {
        var body = birth.ToString("yyMMdd", CultureInfo.InvariantCulture) + seq.ToString("000", CultureInfo.InvariantCulture);
        var number = long.Parse((birth.Year >= 2000 ? "2" : string.Empty) + body, CultureInfo.InvariantCulture);
        return body + (97 - (number % 97)).ToString("00", CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, string> Declaration(string niss, string lastName, string birth) => new()
    {
        ["Niss"] = niss,
        ["LastName"] = lastName,
        ["BirthDate"] = birth,
        ["LinkType"] = "referral",
        ["ProofMode"] = "upload",
    };

    private static (string, string, byte[]) Scan() => ("ProofFile", "consent.png", ConsentProofs.Page());

    private HttpClient Client(TestUser user) => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).As(user);

    private async Task<(PatientSummary Patient, string Niss)> PatientWithConsentAsync(string lastName, DateOnly birth)
    {
        var niss = NissFor(birth, 2 * Interlocked.Increment(ref sequence));
        var patientId = await RegisterAsync(niss, lastName, birth);
        await using var scope = factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        await mediator.Send(new RecordConsent(patientId, ConsentStatus.Given, ConsentMethods.Signed, null, "REQ-0", Scenario.Desk));
        return ((await mediator.Send(new GetPatientSummaries([patientId])))[0], niss);
    }

    private async Task<Guid> RegisterAsync(string niss, string lastName, DateOnly birth)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new RegisterPatient(niss, "Test", lastName, birth, "F", "fr", ["Rue Test 1", "7000 Mons"], null, false));
    }
}
