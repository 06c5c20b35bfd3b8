using Autofac;
using HapModular.Modules.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Identity;

/// <summary>Front door of the Identity module: everything it registers, in one place.</summary>
public sealed class IdentityModule : IModule
{
    /// <inheritdoc />
    public string Name => "identity";

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
    }

    /// <inheritdoc />
    public void ConfigureContainer(ContainerBuilder builder, ModuleContext context) =>
        builder.RegisterMediatRHandlers(typeof(IdentityModule).Assembly);
}
