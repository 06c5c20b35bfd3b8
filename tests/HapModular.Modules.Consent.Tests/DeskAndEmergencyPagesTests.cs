using System.Net;
using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Records.Contracts;
using HapModular.SharedKernel;
using HapModular.Testing;
using MediatR;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Consent.Tests;

/// <summary>J5 at the desk (consent, exclusions, each with the request reference) and J7 (break the glass, DPO review).</summary>
public sealed class DeskAndEmergencyPagesTests(PagesFactory factory) : IClassFixture<PagesFactory>
{
    private static int sequence = 300;

    private readonly TestUser desk = new(Guid.NewGuid(), [Roles.PatientDesk], null, "Agent Renard");

    private readonly TestUser physician = new(Guid.NewGuid(), [Roles.Physician], "10000106003", "Dr An Peeters");

    [Fact]
    public async Task The_desk_finds_a_patient_records_consent_and_an_exclusion_and_sees_them_in_the_history()
    {
        var patientId = await RegisterAsync("Vandenberghe", new DateOnly(1977, 5, 5));
        var client = Client(desk);

        var search = await client.GetStringAsync("/desk?q=vandenb");
        Assert.Contains($"/desk?patient={patientId}", search, StringComparison.Ordinal);

        var withoutReference = await Forms.FollowAsync(client, await Forms.PostAsync(client, $"/desk?patient={patientId}",
            new Dictionary<string, string> { ["patient"] = patientId.ToString(), ["status"] = "Given", ["method"] = "oral", ["reference"] = " " }, action: "/desk?handler=Consent"));
        Assert.Contains("Indiquez la référence", withoutReference, StringComparison.Ordinal);

        var given = await Forms.FollowAsync(client, await Forms.PostAsync(client, $"/desk?patient={patientId}",
            new Dictionary<string, string> { ["patient"] = patientId.ToString(), ["status"] = "Given", ["method"] = "oral", ["reference"] = "REQ-501" }, action: "/desk?handler=Consent"));
        Assert.Contains("status-given", given, StringComparison.Ordinal);

        var excluded = await Forms.FollowAsync(client, await Forms.PostAsync(client, $"/desk?patient={patientId}",
            new Dictionary<string, string> { ["patient"] = patientId.ToString(), ["inami"] = "1-00001-06-003", ["reference"] = "REQ-502" }, action: "/desk?handler=Exclude"));
        Assert.Contains("10000106", excluded, StringComparison.Ordinal);
        Assert.Contains("Médecin exclu", excluded, StringComparison.Ordinal);
        Assert.Contains("REQ-502", excluded, StringComparison.Ordinal);
        Assert.Contains("Agent Renard", excluded, StringComparison.Ordinal);

        var decision = await SendAsync(new CheckAccess(physician.UserId, physician.Inami, patientId));
        Assert.Equal("excluded", decision.Reason);
    }

    [Fact]
    public async Task Emergency_access_needs_a_real_justification_then_opens_the_timeline_and_reaches_the_dpo()
    {
        var patientId = await RegisterAsync("Claes", new DateOnly(1950, 10, 10));
        var deskClient = Client(desk);
        await Forms.FollowAsync(deskClient, await Forms.PostAsync(deskClient, $"/desk?patient={patientId}",
            new Dictionary<string, string> { ["patient"] = patientId.ToString(), ["status"] = "Given", ["method"] = "oral", ["reference"] = "REQ-600" }, action: "/desk?handler=Consent"));
        var client = Client(physician);
        var page = $"/patients/{patientId}/emergency";

        var tooShort = await (await Forms.PostAsync(client, page, new Dictionary<string, string> { ["Category"] = "unconscious", ["Justification"] = "urgent" })).Content.ReadAsStringAsync();
        Assert.Contains("au moins 20 caractères", tooShort, StringComparison.Ordinal);

        var granted = await Forms.PostAsync(client, page, new Dictionary<string, string> { ["Category"] = "unconscious", ["Justification"] = "Patient inconscient arrivé aux urgences de nuit." });
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Equal($"/patients/{patientId}", granted.Headers.Location?.OriginalString);
        Assert.Equal("emergency", (await SendAsync(new CheckAccess(physician.UserId, physician.Inami, patientId))).Reason);

        var dpo = Client(new TestUser(Guid.NewGuid(), [Roles.Dpo], null, "Delphine Protection"));
        var queue = await dpo.GetStringAsync("/dpo/emergency");
        Assert.Contains("Patient inconscient arrivé aux urgences de nuit.", queue, StringComparison.Ordinal);
        Assert.Contains("CLAES", queue, StringComparison.Ordinal);
        var grantId = System.Text.RegularExpressions.Regex.Match(queue, "data-grant=\"([0-9a-f-]+)\"").Groups[1].Value;
        var reviewed = await Forms.FollowAsync(dpo, await Forms.PostAsync(dpo, "/dpo/emergency",
            new Dictionary<string, string> { ["grantId"] = grantId, ["justified"] = "false", ["comment"] = "Aucune admission cette nuit-là" }));
        Assert.Contains("Avis enregistré", reviewed, StringComparison.Ordinal);
        Assert.Contains("Aucune admission cette nuit-là", reviewed, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-grant=\"{grantId}\"", reviewed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_excluded_physician_is_refused_emergency_access()
    {
        var patientId = await RegisterAsync("Mertens", new DateOnly(1944, 4, 4));
        var deskClient = Client(desk);
        foreach (var (handler, field, value) in new[] { ("Consent", "status", "Given"), ("Exclude", "inami", "10000106000") })
        {
            await Forms.FollowAsync(deskClient, await Forms.PostAsync(deskClient, $"/desk?patient={patientId}",
                new Dictionary<string, string> { ["patient"] = patientId.ToString(), [field] = value, ["method"] = "oral", ["reference"] = "REQ-7" }, action: "/desk?handler=" + handler));
        }

        var refused = await (await Forms.PostAsync(Client(physician), $"/patients/{patientId}/emergency",
            new Dictionary<string, string> { ["Category"] = "emergency-care", ["Justification"] = "Douleur thoracique aiguë, besoin des ECG." })).Content.ReadAsStringAsync();

        Assert.Contains("n&#x27;est pas possible", refused.Replace("'", "&#x27;", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.False((await SendAsync(new CheckAccess(physician.UserId, physician.Inami, patientId))).Allowed);
    }

    private HttpClient Client(TestUser user) => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).As(user);

    private async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private Task<Guid> RegisterAsync(string lastName, DateOnly birth) =>
        SendAsync(new RegisterPatient(LinkPagesTests.NissFor(birth, 2 * Interlocked.Increment(ref sequence)), "Test", lastName, birth, "M", "fr", ["Rue 1", "7000 Mons"], null, false));
}
