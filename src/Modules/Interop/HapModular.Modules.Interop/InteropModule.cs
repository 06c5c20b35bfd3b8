using Autofac;
using HapModular.Modules.Interop.Dicom;
using HapModular.Modules.Interop.Fhir;
using HapModular.Modules.Interop.Fhir.Inbound;
using HapModular.Modules.Interop.Hl7;
using HapModular.Modules.Interop.Inbox;
using HapModular.Modules.Interop.Smart;
using HapModular.Modules.Interop.Storage;
using HapModular.Modules.Shared;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HapModular.Modules.Interop;

/// <summary>
/// Front door of the Interop module: the standard interfaces. Inbound DICOM C-STORE, HL7 v2 over MLLP and FHIR
/// DocumentReference feed Records' ingestion through its Contracts; outbound FHIR reads go through the one guard.
/// </summary>
public sealed class InteropModule : IModule
{
    /// <inheritdoc />
    public string Name => "interop";

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        services.AddSingleton(DicomOptions.From(context.Configuration));
        services.AddSingleton<DicomScp>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DicomScp>());
        services.AddSingleton(MllpOptions.From(context.Configuration));
        services.AddSingleton<MllpListener>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<MllpListener>());
        services.AddSmartServer(context);
    }

    /// <inheritdoc />
    public void ConfigureContainer(ContainerBuilder builder, ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        builder.RegisterMediatRHandlers(typeof(InteropModule).Assembly);
        builder.Register(_ => new InteropDatabase(PreparedDataSource.Create(context.ConnectionString))).SingleInstance();
        builder.RegisterType<InboxStore>().SingleInstance();
        builder.RegisterType<InboundPipeline>().InstancePerLifetimeScope();
        builder.RegisterType<InboundRetryJob>().InstancePerLifetimeScope();
        builder.RegisterType<DicomInboundParser>().As<IInboundParser>().SingleInstance();
        builder.RegisterType<StoreService>().SingleInstance();
        builder.RegisterType<Hl7InboundParser>().As<IInboundParser>().SingleInstance();
        builder.RegisterType<FhirInboundParser>().As<IInboundParser>().SingleInstance();
        builder.RegisterType<Hl7Receiver>().SingleInstance();
        builder.RegisterType<LaunchStore>().SingleInstance();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        FhirEndpoints.Map(endpoints);
        SmartEndpoints.Map(endpoints);
    }
}
