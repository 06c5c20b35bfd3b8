using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Pages.Desk;
using HapModular.Modules.Consent.Pages.Dpo.Emergency;
using HapModular.Modules.Consent.Pages.Emergency;

namespace HapModular.Modules.Consent.Tests;

/// <summary>R5: break the glass for 24 h, never past an exclusion, reviewed by the DPO.</summary>
public sealed class EmergencyAccessTests(ConsentFactory factory) : IClassFixture<ConsentFactory>
{
    private const string Justification = "Patient inconscient amené aux urgences, antécédents inconnus.";

    [Fact]
    public async Task Emergency_access_allows_for_the_window_then_expires()
    {
        var s = new Scenario(factory);
        await s.GiveConsentAsync();
        Assert.True((await s.CheckAsync()).CanRequestLink);

        var grant = await s.SendAsync(new GrantEmergencyAccess(s.PatientId, s.PhysicianId, s.Inami, s.PhysicianName, EmergencyCategories.Unconscious, Justification));
        Assert.Equal(EmergencyGrantOutcome.Granted, grant.Outcome);

        var during = await s.CheckAsync();
        Assert.True(during.Allowed);
        Assert.Equal("emergency", during.Reason);
        Assert.Equal("ETREAT", during.Purpose);
        Assert.Equal(grant.GrantId, during.LinkOrGrantId);
        Assert.Equal(factory.Time.GetUtcNow().AddHours(24), during.ValidUntil);

        factory.Time.Advance(TimeSpan.FromHours(24));
        var after = await s.CheckAsync();
        Assert.False(after.Allowed);
        Assert.Equal("no-link", after.Reason);
    }

    [Fact]
    public async Task Emergency_access_is_refused_to_an_excluded_physician()
    {
        var s = new Scenario(factory);
        await s.GiveConsentAsync();
        await s.SendAsync(new ChangeExclusion(s.PatientId, "18334780004", Exclude: true, s.PhysicianName, "REQ-5", Scenario.Desk));

        var grant = await s.SendAsync(new GrantEmergencyAccess(s.PatientId, s.PhysicianId, "18334780000", s.PhysicianName, EmergencyCategories.EmergencyCare, Justification));

        Assert.Equal(EmergencyGrantOutcome.Refused, grant.Outcome);
        Assert.False((await s.CheckAsync()).Allowed);
    }

    [Fact]
    public async Task A_short_justification_is_refused()
    {
        var s = new Scenario(factory);
        await s.GiveConsentAsync();
        var grant = await s.SendAsync(new GrantEmergencyAccess(s.PatientId, s.PhysicianId, s.Inami, s.PhysicianName, EmergencyCategories.Other, "urgence"));
        Assert.Equal(EmergencyGrantOutcome.InvalidRequest, grant.Outcome);
    }

    [Fact]
    public async Task The_dpo_reviews_a_grant_once()
    {
        var s = new Scenario(factory);
        await s.GiveConsentAsync();
        var grant = await s.SendAsync(new GrantEmergencyAccess(s.PatientId, s.PhysicianId, s.Inami, s.PhysicianName, EmergencyCategories.Unconscious, Justification));
        var dpo = new Actor(Guid.NewGuid(), "DPO Martin", ActorRoles.Dpo);

        Assert.True(await s.SendAsync(new ReviewEmergencyAccess(grant.GrantId!.Value, Justified: false, "Pas d'urgence documentée", dpo)));
        Assert.False(await s.SendAsync(new ReviewEmergencyAccess(grant.GrantId!.Value, Justified: true, null, dpo)));
    }

    [Fact]
    public async Task The_dpo_queue_holds_emergency_grants_only_and_a_link_cannot_be_reviewed()
    {
        // Issue 12 point 4: every link, consent and exclusion stream showed up as a blank "emergency access".
        var linked = new Scenario(factory);
        var linkId = await linked.LinkedAsync();
        await linked.SendAsync(new ChangeExclusion(linked.PatientId, "10000106003", Exclude: true, "Dr An Peeters", "REQ-7", Scenario.Desk));
        var s = new Scenario(factory);
        await s.GiveConsentAsync();
        var grant = await s.SendAsync(new GrantEmergencyAccess(s.PatientId, s.PhysicianId, s.Inami, s.PhysicianName, EmergencyCategories.Unconscious, Justification));

        var queue = await s.SendAsync(new GetEmergencyGrants());
        var listed = queue.Pending.Concat(queue.Reviewed).ToList();
        Assert.Contains(listed, g => g.Id == grant.GrantId);
        Assert.All(listed, g => Assert.True(g.PatientId != Guid.Empty && g.PhysicianUserId != Guid.Empty && g.GrantedAt != default, $"blank entry {g.Id}"));
        Assert.DoesNotContain(listed, g => g.Id == linkId);

        var dpo = new Actor(Guid.NewGuid(), "DPO Martin", ActorRoles.Dpo);
        Assert.False(await s.SendAsync(new ReviewEmergencyAccess(linkId, Justified: true, null, dpo)));
        Assert.True((await linked.CheckAsync()).Allowed);
    }
}
