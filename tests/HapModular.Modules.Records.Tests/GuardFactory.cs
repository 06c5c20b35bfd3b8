using System.Collections.Concurrent;
using Autofac;
using HapModular.Modules.Consent.Contracts;
using HapModular.Testing;
using MediatR;

namespace HapModular.Modules.Records.Tests;

/// <summary>
/// The host with header authentication and a scripted <see cref="CheckAccess"/>: each (physician, patient) pair answers
/// what the test set. For Records-side tests that need no Consent history (audit counts, embargo clock); the
/// authorization matrix over the real Consent module is <c>Matrix/ConsentMatrixTests</c>.
/// </summary>
public class GuardFactory : HapAppFactory
{
    public ConcurrentDictionary<(Guid User, Guid Patient), AccessDecision> Decisions { get; } = new();

    protected override bool UseTestAuthentication => true;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Records:Embargo:genetics", "30")];

    protected override void ConfigureTestContainer(ContainerBuilder builder) =>
        builder.RegisterInstance(new ScriptedAccess(Decisions)).As<IRequestHandler<CheckAccess, AccessDecision>>();

    public static AccessDecision Link(DateTimeOffset until) => new(true, "link", "TREAT", Guid.NewGuid(), "consultation", until, false);

    public static AccessDecision Deny(string reason) => new(false, reason, null, null, null, null, reason == "no-link");

    private sealed class ScriptedAccess(ConcurrentDictionary<(Guid, Guid), AccessDecision> decisions) : IRequestHandler<CheckAccess, AccessDecision>
    {
        public Task<AccessDecision> Handle(CheckAccess request, CancellationToken cancellationToken) =>
            Task.FromResult(decisions.TryGetValue((request.UserId, request.PatientId), out var d) ? d : Deny("no-link"));
    }
}
