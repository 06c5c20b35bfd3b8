using Autofac;
using HapModular.Modules.Notifications.Email;
using HapModular.Modules.Notifications.Letters;
using HapModular.Modules.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Notifications;

/// <summary>Front door of the Notifications module: everything it registers, in one place.</summary>
public sealed class NotificationsModule : IModule
{
    /// <inheritdoc />
    public string Name => "notifications";

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        LettersSetup.ConfigureServices(services);
    }

    /// <inheritdoc />
    public void ConfigureContainer(ContainerBuilder builder, ModuleContext context)
    {
        builder.RegisterMediatRHandlers(typeof(NotificationsModule).Assembly);
        builder.RegisterEmailChannel(context);
        LettersSetup.ConfigureContainer(builder, context);
    }
}
