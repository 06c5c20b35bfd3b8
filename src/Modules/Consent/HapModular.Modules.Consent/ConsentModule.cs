using Autofac;
using HapModular.Modules.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Consent;

/// <summary>Front door of the Consent module: everything it registers, in one place.</summary>
public sealed class ConsentModule : IModule
{
    /// <inheritdoc />
    public string Name => "consent";

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
    }

    /// <inheritdoc />
    public void ConfigureContainer(ContainerBuilder builder, ModuleContext context) =>
        builder.RegisterMediatRHandlers(typeof(ConsentModule).Assembly);
}
