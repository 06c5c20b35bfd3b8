using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Pages.Desk;
using HapModular.Modules.Consent.Pages.Links.Declare;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Consent.Tests;

/// <summary>A physician, a patient, a desk agent, and the commands a test needs, sent through MediatR like the pages do.</summary>
internal sealed class Scenario(ConsentFactory factory)
{
    public static readonly Actor Desk = new(Guid.NewGuid(), "Agent Dupont", ActorRoles.PatientDesk);

    public Guid PatientId { get; } = Guid.NewGuid();

    public Guid PhysicianId { get; } = Guid.NewGuid();

    public string Inami { get; init; } = "18334780004";

    public string PhysicianName { get; init; } = "Dr Anne Lejeune";

    public Actor Physician => new(PhysicianId, PhysicianName, ActorRoles.Physician);

    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public Task<bool> GiveConsentAsync() => SendAsync(new RecordConsent(PatientId, ConsentStatus.Given, ConsentMethods.Signed, null, "REQ-1", Desk));

    public Task<DeclareLinkResult> DeclareAsync(string type = LinkTypes.Consultation, string? proof = ProofTypes.SignedForm) =>
        SendAsync(new DeclareLink(PatientId, PhysicianId, Inami, PhysicianName, type, proof, proof is null ? null : "sha-of-scan", Physician));

    public Task<AccessDecision> CheckAsync(string? inami = null) => SendAsync(new CheckAccess(PhysicianId, inami ?? Inami, PatientId));

    public async Task<Guid> LinkedAsync()
    {
        await GiveConsentAsync();
        var result = await DeclareAsync();
        Assert.Equal(DeclareLinkOutcome.Activated, result.Outcome);
        return result.LinkId;
    }
}
