using Autofac;
using BenchmarkDotNet.Attributes;
using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Pages.Desk;
using HapModular.Modules.Consent.Pages.Links.Declare;
using HapModular.Modules.Identity.Contracts;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Consent.Benchmarks;

/// <summary>
/// CheckAccess through MediatR in the real host on a warm store (real PostgreSQL, 1 000 links in the table), the
/// way the patient-data guard calls it. Identity's IsAccountActive is an in-memory double here.
/// </summary>
[MemoryDiagnoser]
public class CheckAccessBenchmark
{
    private BenchFactory? factory;
    private IServiceScope? scope;
    private IMediator? mediator;
    private CheckAccess allowed = null!;
    private CheckAccess denied = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        scope?.Dispose();
        factory?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<AccessDecision> Allowed_through_a_link() => mediator!.Send(allowed);

    [Benchmark]
    public Task<AccessDecision> Denied_without_a_link() => mediator!.Send(denied);

    public async Task SetupAsync()
    {
        // A console app is not a test assembly: tell WebApplicationFactory where the host's content is (its bin copy).
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_HAPMODULAR_HOST", AppContext.BaseDirectory);
        factory = new BenchFactory();
        await factory.InitializeAsync();
        _ = factory.Server;
        scope = factory.Services.CreateScope();
        mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var desk = new Actor(Guid.NewGuid(), "Bench desk", ActorRoles.PatientDesk);
        var physician = Guid.NewGuid();
        var patients = Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid()).ToList();
        foreach (var patient in patients)
        {
            await mediator.Send(new RecordConsent(patient, ConsentStatus.Given, ConsentMethods.Oral, null, null, desk));
            await mediator.Send(new DeclareLink(patient, physician, "18334780004", "Dr Bench", LinkTypes.Consultation, ProofTypes.EidRead, null,
                new Actor(physician, "Dr Bench", ActorRoles.Physician)));
        }

        allowed = new CheckAccess(physician, "18334780004", patients[500]);
        denied = new CheckAccess(Guid.NewGuid(), "10000106003", patients[500]);
        var first = await mediator.Send(allowed);
        if (!first.Allowed || (await mediator.Send(denied)).Allowed)
        {
            throw new InvalidOperationException("Bench data is wrong");
        }
    }

    private sealed class BenchFactory : HapAppFactory
    {
        protected override bool UseFakeTime => false;

        protected override void ConfigureTestContainer(ContainerBuilder builder) =>
            builder.RegisterInstance(new AllActive()).As<IRequestHandler<IsAccountActive, bool>>();
    }

    private sealed class AllActive : IRequestHandler<IsAccountActive, bool>
    {
        public Task<bool> Handle(IsAccountActive request, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
