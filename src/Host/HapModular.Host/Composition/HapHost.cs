using Autofac;
using Autofac.Extensions.DependencyInjection;
using HapModular.Host.Database;
using HapModular.Host.Jobs;
using HapModular.Host.Plugins;
using HapModular.Host.Web;
using HapModular.Modules.Shared;
using HapModular.Modules.Shared.Storage;

namespace HapModular.Host.Composition;

/// <summary>Builds and runs the host: database, modules, plugins, web pipeline. Program.cs only lists modules.</summary>
internal static class HapHost
{
    /// <summary>Builds and runs the portal, or the verb named by the first argument; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, IReadOnlyList<IModule> modules)
    {
        using var signals = new StopSignals();
        if (DatabaseShell.IsInvocation(args))
        {
            return await DatabaseShell.RunAsync(args, signals.Token);
        }

        var database = new EmbeddedDatabase();
        WebApplication? app = null;
        var started = false;
        try
        {
            app = await BuildAsync(args, modules, database, signals.Token);
            if (HostCommands.IsVerb(args) && await HostCommands.TryRunAsync(app, args, signals.Token) is { } code)
            {
                return code;
            }

            started = true;
            await app.StartAsync(signals.Token);
            if (args.Contains(DemoData.Flag))
            {
                using var seeding = CancellationTokenSource.CreateLinkedTokenSource(signals.Token, app.Lifetime.ApplicationStopping);
                await DemoData.SeedAsync(app.Services, seeding.Token);
            }

            foreach (var url in app.Urls)
            {
                Console.WriteLine($"HapModular is running at {url}  (Ctrl-C to stop)");
            }

            await app.WaitForShutdownAsync(signals.Token);
            started = false;
            return 0;
        }
        catch (OperationCanceledException) when (signals.Token.IsCancellationRequested || app?.Lifetime.ApplicationStopping.IsCancellationRequested == true)
        {
            Console.WriteLine("HapModular stopped before it was ready (stop signal received).");
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A database that does not answer, a migration that fails, a port in use: one line an operator reads and
            // exit 1 for the service manager — an unhandled exception ended the process with 134 (abort, a core dump).
            // The exception's type and message only: connection strings never reach them (Npgsql keeps the password out).
            Console.Error.WriteLine($"HapModular could not start: {e.GetType().Name}: {e.Message}");
            return 1;
        }
        finally
        {
            if (app is not null)
            {
                if (started)
                {
                    await app.StopAsync(CancellationToken.None);
                }

                await app.DisposeAsync();
            }

            await database.DisposeAsync();
        }
    }

    private static async Task<WebApplication> BuildAsync(string[] args, IReadOnlyList<IModule> modules, EmbeddedDatabase database, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(args);
        // The demo runs in Production like a hospital's portal (no stack traces); it keeps its demo keys and mail folder
        // (ModuleContext.IsDemo, from the flag or the data folder's marker: see DemoFolder).
        if (HostCommands.IsVerb(args))
        {
            // A verb next to the running portal must not run the portal's jobs nor listen on its DICOM and HL7 ports.
            builder.Configuration.AddInMemoryCollection(
                [new("Hap:Jobs:Server", "false"), new("Interop:Dicom:Enabled", "false"), new("Interop:Mllp:Enabled", "false")]);
        }
        // Module JS/CSS (/_content/HapModular.Modules.X/...) in every environment, not only Development: tests and
        // build/run.sh run from the build output, whose static web assets manifest points at the modules' wwwroot.
        builder.WebHost.UseStaticWebAssets();
        builder.Host.UseServiceProviderFactory(new AutofacServiceProviderFactory());
        using var bootLoggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var bootLogger = bootLoggerFactory.CreateLogger("HapModular.Host");
        var dataDirectory = Path.GetFullPath(builder.Configuration["Hap:DataDirectory"] ?? ".hapdata");
        Directory.CreateDirectory(dataDirectory);
        var isDemo = DemoFolder.Resolve(builder.Configuration, dataDirectory, args.Contains(DemoData.Flag));
        builder.UseHapLogging(jsonByDefault: !builder.Environment.IsDevelopment() && !isDemo);
        // Checked before anything starts: outside Development and the demo a host without its public address refuses to start.
        var publicBaseUrl = PublicAddress.Resolve(builder.Configuration, builder.Environment.IsDevelopment() || isDemo);
        var (connectionString, embedded) = await HapDatabase.ResolveAsync(builder.Configuration, dataDirectory, bootLogger, cancellationToken);
        database.Server = embedded;
        var context = new ModuleContext(builder.Configuration, connectionString, dataDirectory, builder.Environment.IsDevelopment())
        {
            PublicBaseUrl = publicBaseUrl,
            IsDemo = isDemo,
        };
        // Each module then connects with its own role (rights on its own schema only), never as the owner.
        var roles = await ModuleRoles.ProvisionAsync(connectionString, modules, bootLogger);
        ModuleContext ContextOf(IModule module) => context with { ConnectionString = roles[module.Name], OwnerConnectionString = connectionString };

        var plugins = PluginLoader.LoadAll(PluginLoader.ResolvePath(builder.Configuration), builder.Configuration, bootLogger);
        builder.Services.AddSingleton(plugins);
        builder.Services.AddSingleton<IViewerCatalog>(plugins);

        // The schema first: hosted services start in registration order, so every module's migrations and Marten schema
        // are applied (once, under one lock, whatever the number of hosts starting) before anything else starts.
        builder.Services.AddSingleton(MigrationPlan.For(connectionString, modules, roles));
        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddHostedService<MigrateOnStartup>();
        builder.Services.AddHapWeb(builder.Configuration, roles[ModuleRoles.Jobs]);
        builder.Services.AddHapJobs(builder.Configuration, roles[ModuleRoles.Jobs], modules);
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
            ScopeServicesFactory.Register(container);
            container.RegisterModule<MediatorRegistration>();
            container.RegisterViewHelperFactories();
            container.RegisterType<HapModular.DemoSet.DemoSetGenerator>().As<IDemoDocumentSource>().SingleInstance();
            // The host's own table (host.demo_seeds), on the owner's connection: no module role may write it.
            container.Register(c => new DemoSeedMarkers(connectionString, c.Resolve<TimeProvider>())).SingleInstance();
            container.RegisterType<MigrateCommand>().As<IHostCommand>().SingleInstance();
            foreach (var module in modules)
            {
                module.ConfigureContainer(container, ContextOf(module));
            }
        });

        var app = builder.Build();
        app.UseHapWeb(plugins);
        foreach (var module in modules)
        {
            module.MapEndpoints(app);
        }

        return app;
    }
}
