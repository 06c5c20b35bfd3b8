using Autofac;
using HapModular.Modules.Records.Contracts;
using MediatR;

namespace HapModular.Modules.Consent.Tests;

/// <summary>The host with header authentication and <see cref="FakeRecords"/> for the page tests.</summary>
public sealed class PagesFactory : ConsentFactory
{
    public FakeRecords Records { get; } = new();

    protected override bool UseTestAuthentication => true;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Consent:Proof:MaxBytes", "200000")];

    protected override void ConfigureTestContainer(ContainerBuilder builder)
    {
        base.ConfigureTestContainer(builder);
        builder.RegisterInstance(Records)
            .As<IRequestHandler<MatchPatient, Guid?>>()
            .As<IRequestHandler<GetPatientSummaries, IReadOnlyList<PatientSummary>>>()
            .As<IRequestHandler<SearchPatients, IReadOnlyList<PatientSummary>>>();
    }
}
