using System.Net;
using HapModular.Modules.Records.Contracts;
using HapModular.SharedKernel;
using HapModular.Testing;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using FhirConsent = Hl7.Fhir.Model.Consent;
using Task = System.Threading.Tasks.Task;

namespace HapModular.Modules.Interop.Tests;

/// <summary>
/// Issue 14, outbound, the rest of the read API: the practice software lists its patients (only those the guard lets
/// through), reads why it may see one (the patient's consent and its own link as <c>Consent</c>), and the DPO reads a
/// patient's access log as BALP-shaped <c>AuditEvent</c>s — a physician may not.
/// </summary>
public sealed partial class FhirApiTests
{
    [Fact]
    public async Task The_gp_software_lists_its_linked_patients_and_loses_one_who_withdraws_consent()
    {
        var client = Client(factory.DrDupont);
        var unlinked = await RegisterUnlinkedAsync(903);

        var before = await client.SearchAsync<Patient>([]);
        var ids = before!.Entry.Select(e => e.Resource!.Id).ToList();
        foreach (var key in new[] { "lestrade", "smith", "dog", "ct-other-name" })
        {
            Assert.Contains(factory.Patients[key].ToString("N"), ids);
        }

        Assert.Contains("Dubois", before.Entry.Select(e => ((Patient)e.Resource!).Name[0].Family));
        Assert.DoesNotContain(unlinked.ToString("N"), ids);
        Assert.Equal(ids.Count, before.Total);

        // The desk records that Lestrade withdrew his consent: his link still exists, but the guard now refuses him.
        var withdraw = await PageForms.PostAsync(factory.Client(factory.Desk), $"/desk?patient={factory.Patients["lestrade"]}", new Dictionary<string, string>
        {
            ["patient"] = factory.Patients["lestrade"].ToString(),
            ["reference"] = "REQ-FHIR-LIST",
            ["status"] = "Revoked",
        }, action: "/desk?handler=Consent");
        await PageForms.AssertRedirectAsync(withdraw, "desk withdraws consent");

        var after = await client.SearchAsync<Patient>([]);
        Assert.Equal(before.Total - 1, after!.Total);
        Assert.DoesNotContain(factory.Patients["lestrade"].ToString("N"), after.Entry.Select(e => e.Resource!.Id));
    }

    [Fact]
    public async Task Consent_resources_show_the_patients_consent_and_the_callers_own_link_and_nothing_without_one()
    {
        var smith = factory.Patients["smith"];
        var reads = $"SELECT count(*) FROM audit.records WHERE patient_id = '{smith}' AND action = 'read' AND outcome = 'Allowed'";
        var readsBefore = await factory.CountAsync(reads);

        var bundle = await Client(factory.DrDupont, ResourceFormat.Xml).SearchAsync<FhirConsent>([$"patient=Patient/{smith:N}"]);

        var consents = bundle!.Entry.Select(e => Assert.IsType<FhirConsent>(e.Resource)).ToList();
        Assert.Equal(2, consents.Count);
        var sharing = consents.Single(c => c.Scope.Coding.Single().Code == "patient-privacy");
        Assert.Equal(FhirConsent.ConsentState.Active, sharing.Status);
        Assert.Equal($"Patient/{smith:N}", sharing.Patient!.Reference);
        var link = consents.Single(c => c.Scope.Coding.Single().Code == "treatment");
        Assert.Equal("consultation", link.Category.Single().Coding.Single().Code);
        Assert.Equal("TREAT", link.Provision!.Purpose.Single().Code);
        Assert.Equal("18334780004", link.Provision!.Actor.Single().Reference!.Identifier!.Value);
        var now = factory.Time.GetUtcNow();
        Assert.True(link.Provision!.Period!.StartElement!.ToDateTimeOffset(TimeSpan.Zero) <= now, "the link has begun");
        Assert.True(link.Provision!.Period!.EndElement!.ToDateTimeOffset(TimeSpan.Zero) > now.AddMonths(6), "a consultation link lasts more than six months");
        Assert.Equal(readsBefore + 1, await factory.CountAsync(reads));

        var unlinked = await RegisterUnlinkedAsync(904);
        var http = factory.Client(factory.DrDupont);
        await AssertSameAsync(http, $"/fhir/Consent?patient=Patient/{unlinked:N}", $"/fhir/Consent?patient=Patient/{Guid.NewGuid():N}", HttpStatusCode.OK);
        var empty = await Client(factory.DrDupont).SearchAsync<FhirConsent>([$"patient=Patient/{unlinked:N}"]);
        Assert.Empty(empty!.Entry);
    }

    [Fact]
    public async Task The_dpo_reads_a_patients_access_log_as_audit_events_and_a_physician_cannot()
    {
        var smith = factory.Patients["smith"];
        var document = await FileForSmithAsync("dpo-audited-report");
        await Client(factory.DrDupont).ReadAsync<Binary>($"Binary/{document:N}");
        var stranger = new TestUser(Guid.NewGuid(), [Roles.Physician], "19876543210", "Dr Curieux");
        await Assert.ThrowsAsync<FhirOperationException>(() => Client(stranger).ReadAsync<Patient>($"Patient/{smith:N}"));
        var dpo = new TestUser(Guid.NewGuid(), [Roles.Dpo], null, "DPO Martin");

        var bundle = await Client(dpo).SearchAsync<AuditEvent>([$"patient=Patient/{smith:N}", "_count=200"]);

        // Every record about the patient, the DPO's own read of the log included (it is audited before it runs).
        Assert.Equal(await factory.CountAsync($"SELECT count(*) FROM audit.records WHERE patient_id = '{smith}'"), bundle!.Total!.Value);
        var events = bundle.Entry.Select(e => Assert.IsType<AuditEvent>(e.Resource)).ToList();
        Assert.Equal("access-report", events[0].Subtype.Single().Code);
        Assert.Equal("DPO Martin", events[0].Agent.Single().Who!.Display);
        var download = events.Single(e => e.Entity.Any(x => x.What!.Reference!.EndsWith($"/DocumentReference/{document:N}", StringComparison.Ordinal)));
        Assert.Equal("download", download.Subtype.Single().Code);
        Assert.Equal(AuditEvent.AuditEventAction.R, download.Action);
        Assert.Equal(AuditEvent.AuditEventOutcome.N0, download.Outcome);
        Assert.Equal("TREAT", download.PurposeOfEvent.Single().Coding.Single().Code);
        Assert.Equal("18334780004", download.Agent.Single().Who!.Identifier!.Value);
        Assert.Equal($"Patient/{smith:N}", download.Entity[0].What!.Reference);
        var refused = events.First(e => e.Agent.Single().Who!.Display == "Dr Curieux");
        Assert.Equal(AuditEvent.AuditEventOutcome.N4, refused.Outcome);
        Assert.Equal(events.Select(e => e.Recorded).OrderByDescending(r => r), events.Select(e => e.Recorded));

        var physician = await Assert.ThrowsAsync<FhirOperationException>(() => Client(factory.DrDupont).SearchAsync<AuditEvent>([$"patient=Patient/{smith:N}"]));
        Assert.Equal(HttpStatusCode.Forbidden, physician.Status);
    }

    private async Task<Guid> RegisterUnlinkedAsync(int sequence)
    {
        var birth = new DateOnly(1981, 2, 3);
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new RegisterPatient(InteropFactory.Niss(birth, sequence), "Jean", "Sanslien" + sequence, birth, "M", "fr", ["Rue 3", "7000 Mons"], null, false));
    }
}
