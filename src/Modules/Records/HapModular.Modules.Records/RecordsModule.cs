using Autofac;
using HapModular.Modules.Records.Demo;
using HapModular.Modules.Records.Patients;
using HapModular.Modules.Records.Storage;
using HapModular.Modules.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records;

/// <summary>Front door of the Records module: everything it registers, in one place.</summary>
public sealed class RecordsModule : IModule
{
    /// <inheritdoc />
    public string Name => "records";

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, ModuleContext context) =>
        services.AddModuleStore<IRecordsStore>(context, Name, o =>
        {
            o.Schema.For<Patient>().UniqueIndex(p => p.NissHash).Index(p => p.LastNameKey);
        });

    /// <inheritdoc />
    public void ConfigureContainer(ContainerBuilder builder, ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        builder.RegisterMediatRHandlers(typeof(RecordsModule).Assembly);
        builder.Register(_ => new NissProtector(NissKeySource.Load(context))).SingleInstance();
        builder.RegisterType<DemoPatients>().As<IDemoSeeder>().SingleInstance();
    }
}
