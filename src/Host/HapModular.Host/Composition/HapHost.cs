using Autofac;
using Autofac.Extensions.DependencyInjection;
using HapModular.Host.Database;
using HapModular.Host.Jobs;
using HapModular.Host.Plugins;
using HapModular.Host.Web;
using HapModular.Modules.Shared;
using HapModular.Modules.Shared.Storage;
using Serilog;

namespace HapModular.Host.Composition;

/// <summary>Builds and runs the host: database, modules, plugins, web pipeline. Program.cs only lists modules.</summary>
internal static class HapHost
{
    public static async Task<WebApplication> BuildAsync(string[] args, IReadOnlyList<IModule> modules)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Module JS/CSS (/_content/HapModular.Modules.X/...) in every environment, not only Development: tests and
        // build/run.sh run from the build output, whose static web assets manifest points at the modules' wwwroot.
        builder.WebHost.UseStaticWebAssets();
        builder.Host.UseServiceProviderFactory(new AutofacServiceProviderFactory());
        // Serilog writes to the console itself and to any provider a test adds (log-capture tests). Each host keeps
        // its own logger (preserveStaticLogger): several hosts in one test process must not share the static one.
        builder.Logging.ClearProviders();
        builder.Host.UseSerilog(
            // Antiforgery warns on every signed-in page that sets its own no-store header (the sign-out form's token
            // makes it "no-cache, no-store"): both mean "never cache", and a warning per page view floods the log.
            (ctx, cfg) => cfg.MinimumLevel.Override("Microsoft.AspNetCore.Antiforgery", Serilog.Events.LogEventLevel.Error)
                .ReadFrom.Configuration(ctx.Configuration).Enrich.FromLogContext().WriteTo.Console(),
            preserveStaticLogger: true,
            writeToProviders: true);

        using var bootLoggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var bootLogger = bootLoggerFactory.CreateLogger("HapModular.Host");
        // Checked before anything starts: outside Development a host without its public address refuses to start.
        var publicBaseUrl = PublicAddress.Resolve(builder.Configuration, builder.Environment.IsDevelopment());
        var dataDirectory = Path.GetFullPath(builder.Configuration["Hap:DataDirectory"] ?? ".hapdata");
        Directory.CreateDirectory(dataDirectory);
        var (connectionString, embedded) = await HapDatabase.ResolveAsync(builder.Configuration, dataDirectory, bootLogger);
        var context = new ModuleContext(builder.Configuration, connectionString, dataDirectory, builder.Environment.IsDevelopment()) { PublicBaseUrl = publicBaseUrl };
        // Each module then connects with its own role (rights on its own schema only), never as the owner.
        var roles = await ModuleRoles.ProvisionAsync(connectionString, modules, bootLogger);
        ModuleContext ContextOf(IModule module) => context with { ConnectionString = roles[module.Name], OwnerConnectionString = connectionString };

        var plugins = PluginLoader.LoadAll(PluginLoader.ResolvePath(builder.Configuration), builder.Configuration, bootLogger);
        builder.Services.AddSingleton(plugins);
        builder.Services.AddSingleton<IViewerCatalog>(plugins);

        builder.Services.AddHapWeb(builder.Configuration, roles[ModuleRoles.Jobs]);
        builder.Services.AddHapJobs(builder.Configuration, roles[ModuleRoles.Jobs]);
        var pages = builder.Services.AddRazorPages();
        foreach (var module in modules)
        {
            // Module pages (Razor class libraries) are application parts because the module list says so.
            pages.AddApplicationPart(module.GetType().Assembly);
            module.ConfigureServices(builder.Services, ContextOf(module));
        }

        builder.Host.ConfigureContainer<ContainerBuilder>(container =>
        {
            container.RegisterInstance(new FileSystemBlobStore(Path.Combine(dataDirectory, "blobs"))).As<IBlobStore>();
            container.RegisterInstance(TimeProvider.System).As<TimeProvider>().IfNotRegistered(typeof(TimeProvider));
            container.RegisterModule<MediatorRegistration>();
            foreach (var module in modules)
            {
                module.ConfigureContainer(container, ContextOf(module));
            }
        });

        var app = builder.Build();
        if (embedded is not null)
        {
            app.Lifetime.ApplicationStopped.Register(embedded.Stop);
        }

        app.UseHapWeb(plugins);
        foreach (var module in modules)
        {
            module.MapEndpoints(app);
        }

        return app;
    }

    public static async Task RunAsync(WebApplication app, string[] args)
    {
        if (args.Length > 0 && await HostCommands.TryRunAsync(app, args))
        {
            return;
        }

        await app.StartAsync();
        if (args.Contains("--demo"))
        {
            await DemoData.SeedAsync(app.Services, app.Lifetime.ApplicationStopping);
        }

        foreach (var url in app.Urls)
        {
            Console.WriteLine($"HapModular is running at {url}  (Ctrl-C to stop)");
        }

        await app.WaitForShutdownAsync();
    }
}
