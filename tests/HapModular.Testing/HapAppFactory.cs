using Autofac;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace HapModular.Testing;

/// <summary>
/// The real host on a fresh real database, in process. Settings can be overridden per test class; Autofac
/// registrations are overridden through <see cref="ConfigureTestContainer"/> (STACK.md gotcha 3).
/// Hangfire's server is off unless <see cref="RunJobs"/>; use <c>IBackgroundJobClient</c> from DI, never the static API.
/// </summary>
public class HapAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly bool sharesFolder;
    private string? connectionString;

    /// <summary>A host on a fresh database and data folder of its own.</summary>
    public HapAppFactory()
    {
    }

    /// <summary>
    /// Another host of the same portal (scale-out): <paramref name="first"/>'s database and data folder (keys, document
    /// store), which <paramref name="first"/> keeps and deletes. Initialise <paramref name="first"/> before.
    /// </summary>
    protected HapAppFactory(HapAppFactory first)
    {
        ArgumentNullException.ThrowIfNull(first);
        connectionString = first.ConnectionString;
        DataDirectory = first.DataDirectory;
        sharesFolder = true;
    }

    /// <summary>The test's data folder (blobs, letters, mail pickup), deleted at the end.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "hap-tests", "data-" + Guid.NewGuid().ToString("N"));

    /// <summary>The database of this factory.</summary>
    public string ConnectionString => connectionString ?? throw new InvalidOperationException("InitializeAsync first");

    /// <summary>Controllable time, registered as the host's <see cref="TimeProvider"/>.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Whether the Hangfire server runs in this host.</summary>
    protected virtual bool RunJobs => false;

    /// <summary>Whether to use <see cref="Time"/> instead of the system clock.</summary>
    protected virtual bool UseFakeTime => true;

    /// <summary>Whether requests authenticate with the <see cref="TestAuthentication"/> header instead of the real sign-in.</summary>
    protected virtual bool UseTestAuthentication => false;

    /// <summary>Extra settings (key → value) for this factory.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    /// <inheritdoc />
    public virtual async Task InitializeAsync() => connectionString ??= await TestPostgres.CreateDatabaseAsync(GetType().Name);

    /// <inheritdoc />
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (!sharesFolder)
        {
            TemporaryFolders.Delete(DataDirectory);
        }
    }

    /// <summary>Autofac overrides for this factory.</summary>
    protected virtual void ConfigureTestContainer(ContainerBuilder builder)
    {
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Hap", ConnectionString);
        builder.UseSetting("Hap:DataDirectory", DataDirectory);
        builder.UseSetting("Hap:Jobs:Server", RunJobs ? "true" : "false");
        builder.UseSetting("Hap:Jobs:PollSeconds", "1");
        // The generated demo set (230 images) only where a test asks for it; tests use the corpus instead.
        builder.UseSetting("Hap:Demo:Set", "none");
        // Outside Development the host refuses to start without its public address (the base of e-mailed links).
        builder.UseSetting("Hap:PublicBaseUrl", "http://portal.hap.test");
        // Standard interfaces on free ephemeral ports, never the defaults (parallel test hosts, a running portal).
        builder.UseSetting("Interop:Dicom:Port", "0");
        builder.UseSetting("Interop:Mllp:Port", "0");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (UseTestAuthentication)
        {
            builder.ConfigureServices(services => services.AddTestAuthentication());
        }
    }

    /// <inheritdoc />
    protected override IHost CreateHost(IHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureContainer<ContainerBuilder>(container =>
        {
            if (UseFakeTime)
            {
                container.RegisterInstance(Time).As<TimeProvider>();
            }

            ConfigureTestContainer(container);
        });
        return base.CreateHost(builder);
    }
}
