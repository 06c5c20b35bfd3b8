using Autofac;
using HapModular.Modules.Shared;
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
    }

    /// <inheritdoc />
    public void ConfigureContainer(ContainerBuilder builder, ModuleContext context) =>
        builder.RegisterMediatRHandlers(typeof(RecordsModule).Assembly);
}
