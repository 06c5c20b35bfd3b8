using Autofac;
using HapModular.Modules.Audit.Chain;
using HapModular.Modules.Audit.Storage;
using HapModular.Modules.Audit.Verification;
using HapModular.Modules.Shared;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Audit;

/// <summary>
/// Front door of the Audit module: the append-only audit trail in schema <c>audit</c>, chained with a keyed hash and
/// witnessed by signed checkpoints outside the database. Its schema belongs to the database owner; the module's role
/// may only append and read.
/// </summary>
public sealed class AuditModule : IModule
{
    /// <inheritdoc />
    public string Name => "audit";

    /// <inheritdoc />
    public bool OwnsItsSchema => false;

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        // Tables: Migrations/ (run as the owner, since the module does not own its schema); the host grants the
        // module's role SELECT and INSERT on them after every start.
    }

    /// <inheritdoc />
    public void ConfigureContainer(ContainerBuilder builder, ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        builder.RegisterMediatRHandlers(typeof(AuditModule).Assembly);
        // The module's own data source: its connections never touch another module's schema.
        builder.Register(_ => new AuditDatabase(PreparedDataSource.Create(context.ConnectionString))).SingleInstance();
        builder.RegisterInstance(AuditKeys.Load(context));
        builder.Register(c => new AuditCheckpoints(context, c.Resolve<AuditKeys>(), c.Resolve<TimeProvider>())).SingleInstance();
        builder.RegisterType<AppendRecord.AuditAppender>().SingleInstance();
        builder.RegisterType<ChainVerifier>().SingleInstance();
        builder.RegisterType<Report.AuditSearch>().SingleInstance();
        builder.RegisterType<VerifyAuditCommand>().As<IHostCommand>().SingleInstance();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints) => VerifyEndpoint.Map(endpoints);
}
