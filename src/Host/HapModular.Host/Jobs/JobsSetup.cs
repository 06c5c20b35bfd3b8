using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;

namespace HapModular.Host.Jobs;

/// <summary>Hangfire on PostgreSQL (schema <c>hangfire</c>), its server, and the dashboard at <c>/jobs</c>.</summary>
internal static class JobsSetup
{
    public static IServiceCollection AddHapJobs(this IServiceCollection services, IConfiguration configuration, string connectionString, IEnumerable<IModule> modules)
    {
        // Hangfire's type resolver is process-wide, like its serializer settings: hosts side by side in one process (the
        // tests') load the same modules, so each sets the same one.
        var resolver = FormerJobNames.Resolver(modules);
        services.AddHangfire((provider, cfg) => cfg
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseTypeResolver(resolver)
            .UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        // Each host its own storage and activator: Hangfire's defaults hand every host the process-wide
        // JobStorage.Current and JobActivator.Current (the last host configured), so hosts started side by side in one
        // process (test factories) enqueued into each other's database and ran jobs in each other's containers.
        services.Replace(ServiceDescriptor.Singleton<JobStorage>(_ =>
        {
            var options = StorageOptions(configuration);
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        }));
        services.Replace(ServiceDescriptor.Singleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>())));
        // The job metrics are this host's filter, not a global one: GlobalJobFilters would count every host's jobs in
        // the first host's meter when hosts run side by side in one process.
        services.AddSingleton<JobMetrics>();
        services.Replace(ServiceDescriptor.Singleton<IJobFilterProvider>(provider => new JobFilterProviderCollection
        {
            JobFilterProviders.Providers,
            new JobFilterCollection { provider.GetRequiredService<JobMetrics>() },
        }));
        if (configuration.GetValue("Hap:Jobs:Server", true))
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = configuration.GetValue("Hap:Jobs:Workers", 2);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(configuration.GetValue("Hap:Jobs:PollSeconds", 5));
            });
        }

        return services;
    }

    /// <summary>
    /// A job whose worker died (killed host, lost connection) is visible again after <c>Hap:Jobs:InvisibilitySeconds</c>
    /// (120), not Hangfire's default 30 minutes: a letter is retried within minutes. The timeout slides (a running job's
    /// fetch time is renewed in the background), so a job that runs longer than it is not started twice.
    /// <para>
    /// Hangfire's locks are rows that only their holder deletes; a lock whose holder was killed is taken over once it is
    /// older than <c>Hap:Jobs:LockTimeoutSeconds</c> (60), not Hangfire.PostgreSql's default 10 minutes. Every job's
    /// state change takes such a lock: a host killed while moving a letter job to Processing or Succeeded left a worker
    /// of every other host waiting 10 minutes on that job, and one killed inside the schedulers held back recurring and
    /// retried jobs cluster-wide (DeadHostLockTests). Locks are held for milliseconds (state changes, schedulers) or for one sweep (seconds), far below it.
    /// </para>
    /// </summary>
    internal static PostgreSqlStorageOptions StorageOptions(IConfiguration configuration) => new()
    {
        SchemaName = "hangfire",
        PrepareSchemaIfNecessary = true,
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = TimeSpan.FromSeconds(Math.Max(30, configuration.GetValue("Hap:Jobs:InvisibilitySeconds", 120))),
        DistributedLockTimeout = TimeSpan.FromSeconds(Math.Max(30, configuration.GetValue("Hap:Jobs:LockTimeoutSeconds", 60))),
    };

    public static void MapHapJobsDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboard("/jobs", new DashboardOptions { Authorization = [new AdminOnlyDashboardFilter()], DisplayStorageConnectionString = false });

    /// <summary>Admins only (the Identity module's session; the test scheme in tests).</summary>
    private sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }
}
