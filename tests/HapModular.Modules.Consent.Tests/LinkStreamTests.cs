using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Expiry;
using HapModular.Modules.Consent.Pages.Desk;
using HapModular.Modules.Consent.Pages.Dpo.Emergency;
using HapModular.Modules.Consent.Pages.Emergency;
using HapModular.Modules.Consent.Pages.Links.Declare;
using HapModular.Modules.Consent.Pages.Patients;
using HapModular.Modules.Consent.Storage;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Consent.Tests;

/// <summary>The event streams themselves: one link per pair under concurrency, and a history that tells who did what when.</summary>
public sealed class LinkStreamTests(ConsentFactory factory) : IClassFixture<ConsentFactory>
{
    [Fact]
    public async Task Concurrent_declarations_of_the_same_pair_give_one_link()
    {
        var s = new Scenario(factory);
        await s.GiveConsentAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => s.DeclareAsync())));

        Assert.Single(results.Select(r => r.LinkId).Distinct());
        Assert.Single(results, r => r.Outcome == DeclareLinkOutcome.Activated);
        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { DeclareLinkOutcome.Activated, DeclareLinkOutcome.AlreadyActive }));
        var store = factory.Services.GetRequiredService<IConsentStore>();
        await using var session = store.QuerySession();
        Assert.Single(await session.Query<TherapeuticLink>().Where(l => l.PatientId == s.PatientId).ToListAsync());
        var events = await session.Events.FetchStreamAsync(results[0].LinkId);
        Assert.Single(events, e => e.Data is LinkDeclared);
        Assert.Single(events, e => e.Data is LinkActivated);
    }

    [Fact]
    public async Task The_history_lists_every_event_with_who_and_when()
    {
        var s = new Scenario(factory);
        var t0 = factory.Time.GetUtcNow();
        await s.GiveConsentAsync();
        factory.Time.Advance(TimeSpan.FromMinutes(5));
        var linkId = (await s.DeclareAsync()).LinkId;
        factory.Time.Advance(TimeSpan.FromDays(30));
        await s.SendAsync(new RenewLink(linkId, s.PhysicianId, ProofTypes.EidRead, null, s.Physician));
        await s.SendAsync(new RevokeLink(linkId, "patient request", "REQ-42", Scenario.Desk));
        await s.SendAsync(new ChangeExclusion(s.PatientId, s.Inami, true, s.PhysicianName, "REQ-43", Scenario.Desk));
        await s.SendAsync(new ChangeExclusion(s.PatientId, s.Inami, false, null, "REQ-44", Scenario.Desk));
        var grant = await s.SendAsync(new GrantEmergencyAccess(s.PatientId, s.PhysicianId, s.Inami, s.PhysicianName, EmergencyCategories.Unconscious, "Patient inconscient aux urgences ce matin."));
        await s.SendAsync(new ReviewEmergencyAccess(grant.GrantId!.Value, true, "ok", new Actor(Guid.NewGuid(), "DPO Martin", ActorRoles.Dpo)));
        var declared = factory.Time.GetUtcNow();
        await s.SendAsync(new DeclareLink(s.PatientId, s.PhysicianId, s.Inami, s.PhysicianName, LinkTypes.Gmd, ProofTypes.Gmd, null, s.Physician));
        await s.SendAsync(new RecordConsent(s.PatientId, ConsentStatus.Revoked, null, null, "REQ-45", Scenario.Desk));

        var history = await s.SendAsync(new GetConsentHistory(s.PatientId));

        Assert.Equal(
            ["consent-given", "link-declared", "link-proof-attached", "link-activated", "link-renewed", "link-revoked", "exclusion-added",
             "exclusion-lifted", "emergency-granted", "emergency-reviewed", "link-declared", "link-proof-attached", "link-activated", "consent-revoked"],
            history.Select(h => h.Kind));
        Assert.Equal(t0, history[0].At);
        Assert.Equal(("Agent Dupont", "patient-desk", "REQ-1"), (history[0].ActorName, history[0].ActorRole, history[0].RequestReference));
        Assert.Equal((s.PhysicianName, "physician"), (history[1].ActorName, history[1].ActorRole));
        Assert.Equal(("patient request", "REQ-42", "patient-desk"), (history[5].Detail, history[5].RequestReference, history[5].ActorRole));
        Assert.Equal(("DPO Martin", "justified: ok"), (history[9].ActorName, history[9].Detail));
        Assert.Equal(("gmd", declared.AddMonths(12)), (history[12].LinkType, history[12].Until));
        Assert.All(history, h => Assert.NotEqual(default, h.At));
    }

    [Fact]
    public async Task The_daily_sweep_records_expiry_once()
    {
        var s = new Scenario(factory);
        await s.GiveConsentAsync();
        var link = await s.DeclareAsync(LinkTypes.Referral);
        factory.Time.SetUtcNow(link.End!.Value.AddDays(1));

        Assert.True(await s.SendAsync(new ExpireLinks()) >= 1);
        await s.SendAsync(new ExpireLinks());

        var history = await s.SendAsync(new GetConsentHistory(s.PatientId));
        Assert.Single(history, h => h.Kind == "link-expired");
    }
}
