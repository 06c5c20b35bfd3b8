using Autofac;
using HapModular.Modules.Consent.Access;
using HapModular.Modules.Consent.Demo;
using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.IdentityChecks;
using HapModular.Modules.Consent.Expiry;
using HapModular.Modules.Consent.Outbox;
using HapModular.Modules.Consent.Storage;
using HapModular.Modules.Consent.Web;
using HapModular.Modules.Shared;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Consent;

/// <summary>
/// Front door of the Consent module: therapeutic links, consent, exclusions and emergency access, event-sourced in
/// its own Marten store (schema <c>consent</c>) with inline projections that answer the access check.
/// </summary>
public sealed class ConsentModule : IModule
{
    /// <inheritdoc />
    public string Name => "consent";

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddHostedService<ExpireLinksSchedule>();
        services.AddHostedService<NoticeOutboxSchedule>();
        services.AddHostedService<StrayProjectionCleanup>();
        services.AddModuleStore<IConsentStore>(context, Name, o =>
        {
            // Rich: the inline snapshots carry real stream versions, which optimistic concurrency relies on.
            o.Events.AppendMode = EventAppendMode.Rich;
            o.Projections.Add(new TherapeuticLinkProjection(), ProjectionLifecycle.Inline);
            o.Projections.Add(new PatientConsentProjection(), ProjectionLifecycle.Inline);
            o.Projections.Add(new ExclusionProjection(), ProjectionLifecycle.Inline);
            o.Projections.Add(new EmergencyGrantProjection(), ProjectionLifecycle.Inline);
            o.Schema.For<TherapeuticLink>().Index(l => l.PhysicianUserId).Index(l => l.PatientId);
            o.Schema.For<Exclusion>().Index(x => x.PatientId);
            o.Schema.For<EmergencyGrant>().Index(g => g.PatientId).Index(g => g.Reviewed);
            o.Schema.For<PendingNotice>().Index(n => n.CreatedAt);
            o.Schema.For<IdentityCheckAttempt>().Index(a => a.PhysicianUserId).Index(a => a.PatientId);
        });
        services.AddSingleton(_ => new ConsentDatabase(PreparedDataSource.Create(context.ConnectionString)));
        services.AddSingleton<AccessState>();
    }

    /// <inheritdoc />
    public void ConfigureContainer(ContainerBuilder builder, ModuleContext context)
    {
        builder.RegisterMediatRHandlers(typeof(ConsentModule).Assembly);
        builder.RegisterType<ConsentOptions>().SingleInstance();
        builder.RegisterType<IdentityCheckPolicy>().SingleInstance();
        builder.RegisterType<ProofFiles>().InstancePerDependency();
        builder.RegisterType<ConsentDemoSeeder>().As<IDemoSeeder>();
        builder.RegisterType<ExpireLinksJob>().AsSelf();
        builder.RegisterType<NoticeOutbox>().InstancePerDependency();
        builder.RegisterType<NoticeOutboxSweep>().AsSelf();
    }
}
