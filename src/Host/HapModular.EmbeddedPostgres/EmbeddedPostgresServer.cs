using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HapModular.EmbeddedPostgres;

/// <summary>
/// A private PostgreSQL cluster: initialised on first use, started on loopback with a random password, shared by
/// every process that starts on the same folder (a command-line verb next to the running portal attaches to the
/// portal's server instead of restarting it), and stopped when its last user leaves — or dies: a watchdog outside
/// the process stops it after a SIGKILL. When the process runs as root the server runs as the <c>postgres</c> user,
/// because PostgreSQL refuses to run as root.
/// </summary>
public sealed class EmbeddedPostgresServer : IAsyncDisposable
{
    private readonly ClusterWatchdog watchdog;
    private readonly ILogger logger;
    private int stopped;

    private EmbeddedPostgresServer(ClusterWatchdog watchdog, string clusterDir, string connectionString, int port, IReadOnlyList<string> sharedWith, ILogger logger)
    {
        this.watchdog = watchdog;
        this.logger = logger;
        ClusterDirectory = clusterDir;
        ConnectionString = connectionString;
        Port = port;
        SharedWith = sharedWith;
    }

    /// <summary>Connection string to the host's database.</summary>
    public string ConnectionString { get; }

    /// <summary>The port the server listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Where the cluster really is (a private requested folder is relocated, see the README).</summary>
    public string ClusterDirectory { get; }

    /// <summary>The other live processes using this server when this one attached ("pid N (program verb)"); empty when this one started it.</summary>
    public IReadOnlyList<string> SharedWith { get; }

    /// <summary>
    /// Initialises (first run) and starts the cluster — or attaches to it when it already runs — and creates the
    /// database when missing. A cancellation between steps leaves nothing running that this call started.
    /// </summary>
    /// <exception cref="InvalidOperationException">PostgreSQL binaries are missing or the server does not start.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled (the server, if started here, is stopped again).</exception>
    public static async Task<EmbeddedPostgresServer> StartAsync(EmbeddedPostgresOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bin = PostgresBinaries.Find() ?? throw new InvalidOperationException(PostgresBinaries.MissingMessage);
        var runner = new PgCommandRunner(bin, Environment.IsPrivilegedProcess, logger);
        var dir = ClusterLocation.Resolve(options.ClusterDirectory, runner);
        var users = new ClusterUsers(dir);

        EmbeddedPostgresServer server;
        using (await ClusterLock.AcquireAsync(dir, cancellationToken))
        {
            var password = await EnsureInitialisedAsync(runner, dir);
            var sharedWith = users.OtherLiveUsers();
            var running = PostmasterPid.ReadRunning(dir);
            var port = running?.Port ?? (options.Port != 0 ? options.Port : FreePort());
            if (running is null)
            {
                var serverOptions = $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200";
                if (options.Ephemeral)
                {
                    serverOptions += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
                }

                await runner.RunAsync("pg_ctl", ["-D", dir, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60", "-o", serverOptions, "start"]);
            }

            // From here the watchdog owns "stop when the last user leaves", even if this process dies at once.
            var userFile = users.Add();
            var watchdog = ClusterWatchdog.Start(dir, users.Directory, userFile, runner, options.Ephemeral);
            var connectionString = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1",
                Port = port,
                Username = "postgres",
                Password = password,
                Database = options.Database,
            }.ConnectionString;
            server = new EmbeddedPostgresServer(watchdog, dir, connectionString, port, running is null ? [] : sharedWith, logger);
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await server.CreateDatabaseAsync(options.Database, cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        if (server.SharedWith.Count > 0)
        {
            logger.LogInformation("Attached to the embedded PostgreSQL already running on 127.0.0.1:{Port} for {Users} ({ClusterDirectory})", server.Port, string.Join(", ", server.SharedWith), dir);
        }
        else
        {
            logger.LogInformation("Embedded PostgreSQL started on 127.0.0.1:{Port} ({ClusterDirectory})", server.Port, dir);
        }

        return server;
    }

    /// <summary>Creates a database when it does not exist and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException("Database names are letters, digits and underscores.", nameof(name));
        }

        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", connection);
        exists.Parameters.AddWithValue("n", name);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Leaves the server: stops it (fast shutdown: open sessions are ended, data is kept) when no other live process
    /// uses it, else leaves it running for them.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        var verdict = await watchdog.LeaveAsync();
        logger.LogInformation("Embedded PostgreSQL {Verdict}", verdict);
    }

    /// <summary>Synchronous stop for process-exit handlers, where nothing can be awaited.</summary>
    public void Stop() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static async Task<string> EnsureInitialisedAsync(PgCommandRunner runner, string dir)
    {
        var passwordFile = dir + ".password";
        if (File.Exists(Path.Combine(dir, "PG_VERSION")) && File.Exists(passwordFile))
        {
            return (await File.ReadAllTextAsync(passwordFile)).Trim();
        }

        if (File.Exists(Path.Combine(dir, "PG_VERSION")))
        {
            throw new InvalidOperationException($"The PostgreSQL cluster in {dir} has no password file ({passwordFile}); restore it or move the cluster away.");
        }

        // initdb into a fresh folder beside the cluster, renamed when complete: an interrupted initdb leaves no
        // half-made cluster that the next start would take for a good one.
        var building = dir + ".initdb";
        if (Directory.Exists(building))
        {
            Directory.Delete(building, recursive: true);
        }

        Directory.CreateDirectory(building);
        var password = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        // initdb reads the superuser password from a file it can read: a temporary copy beside the cluster folder.
        var pwfile = building + "pw";
        await File.WriteAllTextAsync(pwfile, password);
        try
        {
            runner.GiveToServerUser(building, pwfile);
            await runner.RunAsync(
                "initdb",
                ["-D", building, "-U", "postgres", "--pwfile", pwfile, "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"]);
        }
        finally
        {
            File.Delete(pwfile);
        }

        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.Move(building, dir);
        await File.WriteAllTextAsync(passwordFile, password);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return password;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
