using Autofac;
using HapModular.Modules.Audit.Storage;
using HapModular.Modules.Audit.Verification;
using HapModular.Modules.Shared;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Audit;

/// <summary>Front door of the Audit module: the append-only, hash-chained audit trail in schema <c>audit</c>.</summary>
public sealed class AuditModule : IModule
{
    /// <inheritdoc />
    public string Name => "audit";

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, ModuleContext context) =>
        services.AddHostedService<AuditSchemaInitializer>();

    /// <inheritdoc />
    public void ConfigureContainer(ContainerBuilder builder, ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        builder.RegisterMediatRHandlers(typeof(AuditModule).Assembly);
        // The module's own data source: its connections never touch another module's schema.
        builder.Register(_ => new AuditDatabase(PreparedDataSource.Create(context.ConnectionString))).SingleInstance();
        builder.RegisterType<AppendRecord.AuditAppender>().SingleInstance();
        builder.RegisterType<ChainVerifier>().SingleInstance();
        builder.RegisterType<Report.AuditSearch>().SingleInstance();
        builder.RegisterType<VerifyAuditCommand>().As<IHostCommand>().SingleInstance();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints) => VerifyEndpoint.Map(endpoints);
}
