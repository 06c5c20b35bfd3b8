using Autofac;
using HapModular.Modules.Records.Access;
using HapModular.Modules.Records.DicomWeb;
using HapModular.Modules.Records.Demo;
using HapModular.Modules.Records.Documents;
using HapModular.Modules.Records.Embargo;
using HapModular.Modules.Records.Ingestion;
using HapModular.Modules.Records.Masking;
using HapModular.Modules.Records.Patients;
using HapModular.Modules.Records.Storage;
using HapModular.Modules.Records.Timeline;
using HapModular.Modules.Records.Viewing;
using HapModular.Modules.Shared;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records;

/// <summary>Front door of the Records module: everything it registers, in one place.</summary>
public sealed class RecordsModule : IModule
{
    /// <inheritdoc />
    public string Name => "records";

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddModuleStore<IRecordsStore>(context, Name, o =>
        {
            o.Schema.For<Patient>().UniqueIndex(p => p.NissHash).Index(p => p.LastNameKey).Index(p => p.HospitalId);
        });
    }

    /// <inheritdoc />
    public void ConfigureContainer(ContainerBuilder builder, ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        builder.RegisterMediatRHandlers(typeof(RecordsModule).Assembly);
        builder.Register(_ => new NissProtector(NissKeySource.Load(context))).SingleInstance();
        // The module's own data source: its connections never touch another module's schema.
        builder.Register(_ => new RecordsDatabase(PreparedDataSource.Create(context.ConnectionString))).SingleInstance();
        builder.RegisterType<PatientDirectory>().SingleInstance();
        builder.RegisterType<InboundPatientMatcher>().SingleInstance();
        builder.RegisterType<PatientHeaderCache>().SingleInstance();
        builder.RegisterType<DocumentRepository>().SingleInstance();
        builder.RegisterType<SourceSystemKeys>().SingleInstance();
        builder.RegisterType<DocumentInspector>().SingleInstance();
        builder.RegisterType<DocumentIngestor>().InstancePerLifetimeScope();
        builder.RegisterType<TimelineQuery>().SingleInstance();
        builder.RegisterType<DocumentRenderer>().SingleInstance();
        builder.RegisterType<DocumentBlobs>().InstancePerLifetimeScope();
        builder.RegisterType<MaskStore>().SingleInstance();
        builder.RegisterType<EmbargoPolicy>().SingleInstance();
        // The document the shared guard's document check allowed (CheckDocumentAccessHandler), for this request's handler.
        builder.RegisterType<PatientAccessScope>().InstancePerLifetimeScope();
        builder.RegisterType<DicomInstanceIndex>().SingleInstance();
        builder.RegisterType<UidResolver>().SingleInstance();
        builder.RegisterType<RecentDicomContent>().SingleInstance();
        builder.RegisterType<SeriesReadAhead>().SingleInstance();
        builder.RegisterType<DicomKeywords>().SingleInstance();
        builder.RegisterType<Pages.Patients.Imaging.WorkspaceInline>().SingleInstance();
        builder.RegisterType<ImportCommand>().As<IHostCommand>().SingleInstance();
        builder.RegisterType<DemoPatients>().As<IDemoSeeder>().SingleInstance();
        builder.RegisterType<DemoSetDocuments>().As<IDemoSeeder>().SingleInstance();
        builder.RegisterType<DemoDocuments>().As<IDemoSeeder>().SingleInstance();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        IngestEndpoint.Map(endpoints);
        DocumentEndpoints.Map(endpoints);
        DicomWebEndpoints.Map(endpoints);
        Pages.Patients.Imaging.ImagingAssets.Map(endpoints);
    }
}
