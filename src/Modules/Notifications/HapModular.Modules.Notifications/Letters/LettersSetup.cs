using Autofac;
using HapModular.Modules.Notifications.Letters.AccessCodes;
using HapModular.Modules.Notifications.Letters.Batch;
using HapModular.Modules.Notifications.Letters.Queue;
using HapModular.Modules.Notifications.Letters.Rendering;
using HapModular.Modules.Notifications.Letters.Storage;
using HapModular.Modules.Shared;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Modules.Notifications.Letters;

/// <summary>The patient letters (R8): tables in schema <c>notifications</c>, the Hangfire job, the print batch.</summary>
internal static class LettersSetup
{
    public static void ConfigureServices(IServiceCollection services)
    {
        services.AddHostedService<LetterSweepSchedule>();
    }

    public static void ConfigureContainer(ContainerBuilder builder, ModuleContext context)
    {
        builder.Register(_ => new LetterDatabase(NpgsqlDataSource.Create(context.ConnectionString))).SingleInstance();
        builder.RegisterType<LetterSettings>().SingleInstance();
        builder.RegisterType<LetterRenderer>().SingleInstance();
        builder.RegisterType<LetterJob>().AsSelf().InstancePerDependency();
        builder.RegisterType<LetterSweep>().AsSelf().InstancePerDependency();
        builder.RegisterType<AccessCodeStore>().InstancePerDependency();
        builder.RegisterType<PrintBatches>().InstancePerDependency();
    }
}
