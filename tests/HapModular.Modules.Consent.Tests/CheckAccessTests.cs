using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Pages.Desk;
using HapModular.Modules.Consent.Pages.Links.Declare;
using HapModular.Modules.Consent.Pages.Patients;

namespace HapModular.Modules.Consent.Tests;

/// <summary>R1 on real PostgreSQL with a fake clock: the decision a physician's every patient request depends on.</summary>
public sealed class CheckAccessTests(ConsentFactory factory) : IClassFixture<ConsentFactory>
{
    [Fact]
    public async Task An_active_link_allows_access_with_its_type_end_and_id()
    {
        var s = new Scenario(factory);
        var linkId = await s.LinkedAsync();

        var decision = await s.CheckAsync();

        Assert.True(decision.Allowed);
        Assert.Equal("link", decision.Reason);
        Assert.Equal("TREAT", decision.Purpose);
        Assert.Equal(linkId, decision.LinkOrGrantId);
        Assert.Equal("consultation", decision.LinkType);
        Assert.Equal(factory.Time.GetUtcNow().AddMonths(15), decision.ValidUntil);
    }

    [Fact]
    public async Task Access_stops_when_the_link_expires()
    {
        var s = new Scenario(factory);
        await s.GiveConsentAsync();
        var link = await s.DeclareAsync(LinkTypes.Emergency);
        Assert.Equal(factory.Time.GetUtcNow().AddMonths(1), link.End);

        factory.Time.Advance(TimeSpan.FromDays(27));
        Assert.True((await s.CheckAsync()).Allowed);
        factory.Time.SetUtcNow(link.End!.Value);

        var decision = await s.CheckAsync();
        Assert.False(decision.Allowed);
        Assert.Equal("no-link", decision.Reason);
        Assert.True(decision.CanRequestLink);
    }

    [Fact]
    public async Task Access_stops_when_the_desk_revokes_the_link()
    {
        var s = new Scenario(factory);
        var linkId = await s.LinkedAsync();

        Assert.True(await s.SendAsync(new RevokeLink(linkId, "patient request", "REQ-7", Scenario.Desk)));

        var decision = await s.CheckAsync();
        Assert.False(decision.Allowed);
        Assert.True(decision.CanRequestLink);
    }

    [Fact]
    public async Task Access_stops_when_consent_is_withdrawn_and_nothing_is_offered()
    {
        var s = new Scenario(factory);
        await s.LinkedAsync();

        await s.SendAsync(new RecordConsent(s.PatientId, ConsentStatus.Revoked, null, null, "REQ-9", Scenario.Desk));

        var decision = await s.CheckAsync();
        Assert.False(decision.Allowed);
        Assert.Equal("no-consent", decision.Reason);
        Assert.False(decision.CanRequestLink);
        Assert.Null(decision.LinkOrGrantId);
    }

    [Theory]
    [InlineData("18334780004")]
    [InlineData("18334780000")]
    public async Task An_exclusion_overrides_the_link_whatever_the_qualification_suffix(string checkedInami)
    {
        var s = new Scenario(factory);
        await s.LinkedAsync();

        // Excluded as 1-83347-80-004 (GP); the physician signs in later with another qualification.
        await s.SendAsync(new ChangeExclusion(s.PatientId, "18334780004", Exclude: true, s.PhysicianName, "REQ-3", Scenario.Desk));

        var decision = await s.CheckAsync(checkedInami);
        Assert.False(decision.Allowed);
        Assert.Equal("excluded", decision.Reason);
        Assert.False(decision.CanRequestLink);
    }

    [Fact]
    public async Task Lifting_the_exclusion_restores_the_link()
    {
        var s = new Scenario(factory);
        await s.LinkedAsync();
        await s.SendAsync(new ChangeExclusion(s.PatientId, "18334780", Exclude: true, null, "REQ-3", Scenario.Desk));
        await s.SendAsync(new ChangeExclusion(s.PatientId, "18334780004", Exclude: false, null, "REQ-4", Scenario.Desk));

        Assert.True((await s.CheckAsync()).Allowed);
    }

    [Fact]
    public async Task A_declared_link_gives_no_access_until_its_proof_is_attached()
    {
        var s = new Scenario(factory);
        await s.GiveConsentAsync();
        var declared = await s.DeclareAsync(proof: null);
        Assert.Equal(DeclareLinkOutcome.PendingProof, declared.Outcome);

        var before = await s.CheckAsync();
        Assert.False(before.Allowed);
        Assert.True(before.CanRequestLink);

        Assert.True(await s.SendAsync(new AttachProof(declared.LinkId, ProofTypes.SignedForm, "sha-of-scan", s.Physician)));
        Assert.True((await s.CheckAsync()).Allowed);
    }

    [Fact]
    public async Task An_inactive_account_is_denied_even_with_a_link()
    {
        var s = new Scenario(factory);
        await s.LinkedAsync();
        factory.InactiveAccounts.Add(s.PhysicianId);

        var decision = await s.CheckAsync();
        Assert.False(decision.Allowed);
        Assert.Equal("inactive-account", decision.Reason);
        Assert.False(decision.CanRequestLink);
    }

    [Fact]
    public async Task No_link_can_be_declared_without_consent()
    {
        var s = new Scenario(factory);
        Assert.Equal(DeclareLinkOutcome.NotPossible, (await s.DeclareAsync()).Outcome);
        var decision = await s.CheckAsync();
        Assert.Equal("no-consent", decision.Reason);
    }

    [Fact]
    public async Task Renewal_opens_a_new_period_from_now()
    {
        var s = new Scenario(factory);
        var linkId = await s.LinkedAsync();
        factory.Time.Advance(TimeSpan.FromDays(400));

        var end = await s.SendAsync(new RenewLink(linkId, s.PhysicianId, ProofTypes.EidRead, null, s.Physician));

        Assert.Equal(factory.Time.GetUtcNow().AddMonths(15), end);
        Assert.Equal(end, (await s.CheckAsync()).ValidUntil);
    }
}
