using Autofac;
using HapModular.Modules.Shared;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace HapModular.Modules.Notifications.Email;

/// <summary>The e-mail channel's registrations, called by the module's front door.</summary>
internal static class EmailChannel
{
    public static void RegisterEmailChannel(this ContainerBuilder builder, ModuleContext context)
    {
        var settings = EmailSettings.From(context.Configuration);
        builder.RegisterInstance(settings);
        builder.Register(_ => new EmailDataSource(NpgsqlDataSource.Create(context.ConnectionString))).SingleInstance();
        builder.RegisterType<EmailOutbox>().SingleInstance();
        builder.Register(c => EmailTransportFactory.Create(settings, c.Resolve<IHostEnvironment>(), context)).As<IEmailTransport>().SingleInstance();
        builder.RegisterType<EmailDeliveryJob>().AsSelf();
    }
}
