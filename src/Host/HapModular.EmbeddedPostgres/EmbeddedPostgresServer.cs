using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HapModular.EmbeddedPostgres;

/// <summary>
/// A private PostgreSQL cluster: initialised on first use, started on loopback with a random password,
/// stopped on dispose. When the process runs as root the server runs as the <c>postgres</c> user, because
/// PostgreSQL refuses to run as root.
/// </summary>
public sealed class EmbeddedPostgresServer : IAsyncDisposable
{
    private readonly PgCommandRunner runner;
    private readonly string clusterDir;
    private readonly ILogger logger;
    private int stopped;

    private EmbeddedPostgresServer(PgCommandRunner runner, string clusterDir, string connectionString, int port, ILogger logger)
    {
        this.runner = runner;
        this.clusterDir = clusterDir;
        this.logger = logger;
        ConnectionString = connectionString;
        Port = port;
    }

    /// <summary>Connection string to the host's database.</summary>
    public string ConnectionString { get; }

    /// <summary>The port the server listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Initialises (first run) and starts the cluster, and creates the database when missing.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL binaries are missing or the server does not start.</exception>
    public static async Task<EmbeddedPostgresServer> StartAsync(EmbeddedPostgresOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bin = PostgresBinaries.Find() ?? throw new InvalidOperationException(PostgresBinaries.MissingMessage);
        var dir = Path.GetFullPath(options.ClusterDirectory);
        var runner = new PgCommandRunner(bin, Environment.IsPrivilegedProcess, logger);
        var password = await EnsureInitialisedAsync(runner, dir, cancellationToken);

        // A host killed without clean-up leaves its server running: stop it so we can start on a fresh port.
        if (File.Exists(Path.Combine(dir, "postmaster.pid")))
        {
            await runner.RunAsync("pg_ctl", ["-D", dir, "-m", "fast", "-w", "stop"], cancellationToken, allowFailure: true);
        }

        var port = options.Port != 0 ? options.Port : FreePort();
        var serverOptions = $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200";
        if (options.Ephemeral)
        {
            serverOptions += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }

        await runner.RunAsync("pg_ctl", ["-D", dir, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60", "-o", serverOptions, "start"], cancellationToken);

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Password = password,
            Database = options.Database,
        };
        var server = new EmbeddedPostgresServer(runner, dir, builder.ConnectionString, port, logger);
        try
        {
            await server.CreateDatabaseAsync(options.Database, cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        logger.LogInformation("Embedded PostgreSQL started on 127.0.0.1:{Port} ({ClusterDirectory})", port, dir);
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

    /// <summary>Stops the server (fast shutdown: open sessions are ended, data is kept).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await runner.RunAsync("pg_ctl", ["-D", clusterDir, "-m", "fast", "-w", "stop"], CancellationToken.None, allowFailure: true);
        logger.LogInformation("Embedded PostgreSQL stopped");
    }

    /// <summary>Synchronous stop for process-exit handlers, where nothing can be awaited.</summary>
    public void Stop() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static async Task<string> EnsureInitialisedAsync(PgCommandRunner runner, string dir, CancellationToken cancellationToken)
    {
        var passwordFile = dir + ".password";
        if (File.Exists(Path.Combine(dir, "PG_VERSION")) && File.Exists(passwordFile))
        {
            return (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();
        }

        Directory.CreateDirectory(dir);
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // initdb reads the superuser password from a file it can read: a temporary copy inside the cluster folder.
        var pwfile = Path.Combine(Path.GetDirectoryName(dir)!, "." + Path.GetFileName(dir) + ".initpw");
        await File.WriteAllTextAsync(pwfile, password, cancellationToken);
        try
        {
            runner.GiveToServerUser(dir, pwfile);
            await runner.RunAsync(
                "initdb",
                ["-D", dir, "-U", "postgres", "--pwfile", pwfile, "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"],
                cancellationToken);
        }
        finally
        {
            File.Delete(pwfile);
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
