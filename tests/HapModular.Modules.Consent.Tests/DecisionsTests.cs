using System.Net;
using System.Text.RegularExpressions;
using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Pages.Desk;
using HapModular.Modules.Consent.Pages.Links.Declare;
using HapModular.Modules.Records.Contracts;
using HapModular.SharedKernel;
using HapModular.Testing;
using MediatR;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Consent.Tests;

/// <summary>
/// Issue 12, item 6: decisions that cannot be made by accident. Ending a link takes a confirmation page and a reason
/// (kept in the history); a signed-form consent needs its scan; "My patients" moves ended and blocked links apart.
/// </summary>
public sealed partial class DecisionsTests(PagesFactory factory) : IClassFixture<PagesFactory>
{
    private static int sequence = 50;

    private readonly TestUser physician = new(Guid.NewGuid(), [Roles.Physician], "10000205002", "Dr Luc Maertens");

    private readonly TestUser desk = new(Guid.NewGuid(), [Roles.PatientDesk], null, "Agent Colin");

    [Fact]
    public async Task Ending_a_link_asks_for_confirmation_and_a_reason_then_keeps_the_reason_in_the_history()
    {
        var (patientId, linkId) = await LinkedPatientAsync("Verhoeven");
        var client = Client(physician);

        var myPatients = await client.GetStringAsync("/patients");
        Assert.Contains($"href=\"/links/{linkId}/end\"", myPatients, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=End", myPatients, StringComparison.Ordinal);

        var confirm = await client.GetStringAsync($"/links/{linkId}/end");
        Assert.Contains("VERHOEVEN", confirm, StringComparison.Ordinal);
        Assert.Contains("id=\"end-link-confirm\"", confirm, StringComparison.Ordinal);

        // No reason, then "other" without its note: nothing ends.
        var noReason = await (await Forms.PostAsync(client, $"/links/{linkId}/end", new Dictionary<string, string>())).Content.ReadAsStringAsync();
        Assert.Contains("Choisissez un motif.", noReason, StringComparison.Ordinal);
        var otherWithoutNote = await (await Forms.PostAsync(client, $"/links/{linkId}/end", new Dictionary<string, string> { ["Reason"] = "other-reason", ["Note"] = "  " })).Content.ReadAsStringAsync();
        Assert.Contains("Précisez le motif.", otherWithoutNote, StringComparison.Ordinal);
        Assert.True((await CheckAsync(patientId)).Allowed);

        var ended = await Forms.PostAsync(client, $"/links/{linkId}/end", new Dictionary<string, string> { ["Reason"] = "patient-left", ["Note"] = "Déménagement à Liège" });
        var after = await Forms.FollowAsync(client, ended);
        Assert.False((await CheckAsync(patientId)).Allowed);
        var row = Row(after, linkId);
        Assert.Contains("Vous avez mis fin à ce lien", row, StringComparison.Ordinal);
        Assert.Contains("Le patient a choisi un autre médecin", row, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/patients/{patientId}\"", row, StringComparison.Ordinal);
        Assert.Contains("id=\"links-ended\"", after, StringComparison.Ordinal);

        var history = await Client(desk).GetStringAsync($"/desk?patient={patientId}");
        Assert.Contains("le patient a choisi un autre médecin: Déménagement à Liège", history, StringComparison.Ordinal);
        // The history tells the time on the Brussels clock (never UTC).
        var brussels = BrusselsTime.ToLocal(factory.Time.GetUtcNow()).ToString("g", System.Globalization.CultureInfo.GetCultureInfo("fr"));
        Assert.Contains(">" + brussels + "</time>", history, StringComparison.Ordinal);

        // A second confirmation of an ended link changes nothing and says so neutrally.
        var again = await client.GetStringAsync($"/links/{linkId}/end");
        Assert.Contains("id=\"end-link-unavailable\"", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_physicians_link_cannot_be_ended_from_the_confirmation_page()
    {
        var (patientId, linkId) = await LinkedPatientAsync("Goossens");
        var other = Client(new TestUser(Guid.NewGuid(), [Roles.Physician], "10000304001", "Dr Other"));

        Assert.Contains("id=\"end-link-unavailable\"", await other.GetStringAsync($"/links/{linkId}/end"), StringComparison.Ordinal);
        var response = await Forms.PostAsync(other, $"/links/{linkId}/end", new Dictionary<string, string> { ["Reason"] = "care-ended" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True((await CheckAsync(patientId)).Allowed);
    }

    [Fact]
    public async Task The_desk_cannot_record_a_signed_form_consent_without_its_scan()
    {
        var patientId = await RegisterAsync("Jacobs");
        var client = Client(desk);
        var fields = new Dictionary<string, string> { ["patient"] = patientId.ToString(), ["status"] = "Given", ["method"] = "signed", ["reference"] = "REQ-900" };

        var withoutScan = await Forms.FollowAsync(client, await Forms.PostAsync(client, $"/desk?patient={patientId}", fields, action: "/desk?handler=Consent"));
        Assert.Contains("Joignez le scan du formulaire signé", withoutScan.Replace("&#x27;", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("status-none", withoutScan, StringComparison.Ordinal);
        Assert.Equal(ConsentStatus.None, (await SendAsync(new GetPatientConsentState(patientId))).Status);

        var notAScan = await Forms.FollowAsync(client, await Forms.PostAsync(client, $"/desk?patient={patientId}", fields, ("scan", "form.pdf", "not a pdf"u8.ToArray()), "/desk?handler=Consent"));
        Assert.Contains("Seuls les fichiers PDF, JPEG et PNG", notAScan, StringComparison.Ordinal);
        Assert.Equal(ConsentStatus.None, (await SendAsync(new GetPatientConsentState(patientId))).Status);

        var given = await Forms.FollowAsync(client, await Forms.PostAsync(client, $"/desk?patient={patientId}", fields, ("scan", "form.png", ConsentProofs.Page()), "/desk?handler=Consent"));
        Assert.Contains("status-given", given, StringComparison.Ordinal);
        Assert.Equal(ConsentStatus.Given, (await SendAsync(new GetPatientConsentState(patientId))).Status);
    }

    [Fact]
    public async Task A_blocked_patient_leaves_the_active_list_and_shows_no_days_remaining_nor_why()
    {
        var (patientId, linkId) = await LinkedPatientAsync("Wouters");
        var client = Client(physician);
        Assert.Contains($"data-link=\"{linkId}\"", Section(await client.GetStringAsync("/patients"), "my-patients"), StringComparison.Ordinal);

        var deskClient = Client(desk);
        await Forms.FollowAsync(deskClient, await Forms.PostAsync(deskClient, $"/desk?patient={patientId}",
            new Dictionary<string, string> { ["patient"] = patientId.ToString(), ["status"] = "Revoked", ["method"] = "oral", ["reference"] = "REQ-901" }, action: "/desk?handler=Consent"));

        var page = await client.GetStringAsync("/patients");
        Assert.DoesNotContain($"data-link=\"{linkId}\"", Section(page, "my-patients"), StringComparison.Ordinal);
        var row = Row(Section(page, "links-ended"), linkId);
        Assert.Contains("ne donne plus accès", row.Replace("&#x27;", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/patients/{patientId}\"", row, StringComparison.Ordinal);
        Assert.DoesNotContain("consentement", row, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(DaysLeftPattern(), row);
        Assert.DoesNotContain("handler=Renew", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_link_says_so_and_can_be_renewed_but_not_while_the_patient_blocks_it()
    {
        var (patientId, linkId) = await LinkedPatientAsync("Michiels");
        var client = Client(physician);
        // The class's clock only moves forward: later links are declared at the new "now".
        factory.Time.Advance(TimeSpan.FromDays(100));
        var row = Row(Section(await client.GetStringAsync("/patients"), "links-ended"), linkId);
        Assert.Contains("Lien expiré le", row, StringComparison.Ordinal);
        Assert.Contains("handler=Renew", row, StringComparison.Ordinal);

        var deskClient = Client(desk);
        await Forms.FollowAsync(deskClient, await Forms.PostAsync(deskClient, $"/desk?patient={patientId}",
            new Dictionary<string, string> { ["patient"] = patientId.ToString(), ["status"] = "Revoked", ["method"] = "oral", ["reference"] = "REQ-902" }, action: "/desk?handler=Consent"));
        var refused = await Forms.FollowAsync(client, await Forms.PostAsync(client, "/patients", new Dictionary<string, string> { ["linkId"] = linkId.ToString() }, ("proofFile", "new.png", ConsentProofs.Page()), "/patients?handler=Renew"));
        Assert.DoesNotContain("Lien renouvelé", refused, StringComparison.Ordinal);
        Assert.False((await CheckAsync(patientId)).Allowed);
    }

    /// <summary>Issue 12: text longer than a form allows is refused with a message, never cut, and nothing is recorded.</summary>
    [Fact]
    public async Task Text_longer_than_a_form_allows_is_refused_with_a_message_and_records_nothing()
    {
        var (patientId, _) = await LinkedPatientAsync("Lambrechts");
        var deskClient = Client(desk);
        var longReference = new string('R', 101);
        var excluded = await Forms.FollowAsync(deskClient, await Forms.PostAsync(deskClient, $"/desk?patient={patientId}",
            new Dictionary<string, string> { ["patient"] = patientId.ToString(), ["inami"] = "10000304001", ["reference"] = longReference }, action: "/desk?handler=Exclude"));
        Assert.Contains("Ce texte est trop long : 100 caractères au plus", excluded.Replace("&#x27;", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(longReference, excluded, StringComparison.Ordinal);
        Assert.Empty((await SendAsync(new GetPatientConsentState(patientId))).Exclusions);

        var other = new TestUser(Guid.NewGuid(), [Roles.Physician], "10000403000", "Dr Long");
        var tooLong = await (await Forms.PostAsync(Client(other), $"/patients/{patientId}/emergency",
            new Dictionary<string, string> { ["Category"] = "unconscious", ["Justification"] = "Patient inconscient. " + new string('x', 2000) })).Content.ReadAsStringAsync();
        Assert.Contains("Ce texte est trop long : 2000 caractères au plus", tooLong.Replace("&#x27;", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.False((await SendAsync(new CheckAccess(other.UserId, other.Inami, patientId))).Allowed);
    }

    private static string Section(string page, string id)
    {
        var start = page.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        var end = page.IndexOf("</table>", start, StringComparison.Ordinal);
        return page[start..end];
    }

    private static string Row(string page, Guid linkId)
    {
        var start = page.IndexOf($"data-link=\"{linkId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no row for link " + linkId);
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex(@"link-state"">\s*\d+\s*<")]
    private static partial Regex DaysLeftPattern();

    private HttpClient Client(TestUser user) => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).As(user);

    private Task<AccessDecision> CheckAsync(Guid patientId) => SendAsync(new CheckAccess(physician.UserId, physician.Inami, patientId));

    private async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private Task<Guid> RegisterAsync(string lastName) =>
        SendAsync(new RegisterPatient(LinkPagesTests.NissFor(new DateOnly(1970, 1, 15), 2 * Interlocked.Increment(ref sequence)), "Test", lastName, new DateOnly(1970, 1, 15), "F", "fr", ["Rue 1", "7000 Mons"], null, false));

    private async Task<(Guid PatientId, Guid LinkId)> LinkedPatientAsync(string lastName)
    {
        var patientId = await RegisterAsync(lastName);
        await SendAsync(new RecordConsent(patientId, ConsentStatus.Given, ConsentMethods.Oral, null, "REQ-0", Scenario.Desk));
        var actor = new Actor(physician.UserId, physician.Name, ActorRoles.Physician);
        var declared = await SendAsync(new DeclareLink(patientId, physician.UserId, physician.Inami!, physician.Name, LinkTypes.Referral, ProofTypes.SignedForm, "scan", actor));
        Assert.Equal(DeclareLinkOutcome.Activated, declared.Outcome);
        return (patientId, declared.LinkId);
    }
}
