using System.Globalization;
using Npgsql;

namespace HapModular.Host.ProcessTests;

/// <summary>
/// A checkout folder like root's home (mode 0700, which the postgres user cannot enter), the data folder the host
/// makes in it (<c>.hapdata</c>, relative to the working folder as with build/run.sh), and a look at its embedded
/// cluster from outside: the server's pid, whether it still runs, and SQL on it.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PrivateHome : IDisposable
{
    public PrivateHome()
    {
        Directory.CreateDirectory(Root);
        File.SetUnixFileMode(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The 0700 folder, used as the host's working folder.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "hap-tests", "home-" + Guid.NewGuid().ToString("N"));

    /// <summary>The cluster folder, wherever the host put it (a symbolic link is followed).</summary>
    public string Cluster
    {
        get
        {
            var pg = Path.Combine(Root, ".hapdata", "pg");
            return new DirectoryInfo(pg).LinkTarget is not null ? Directory.ResolveLinkTarget(pg, true)!.FullName : pg;
        }
    }

    /// <summary>The running server's pid (first line of postmaster.pid), or null when none is recorded.</summary>
    public int? ServerPid => File.Exists(Path.Combine(Cluster, "postmaster.pid"))
        ? int.Parse(File.ReadLines(Path.Combine(Cluster, "postmaster.pid")).First(), CultureInfo.InvariantCulture)
        : null;

    /// <summary>Whether a process with this pid exists.</summary>
    public static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}");

    /// <summary>Waits up to a minute for a process to end (a watchdog polls nothing: it reacts at once, but pg_ctl takes a moment).</summary>
    public static async Task<bool> EndsAsync(int pid)
    {
        for (var i = 0; i < 600 && IsRunning(pid); i++)
        {
            await Task.Delay(100);
        }

        return !IsRunning(pid);
    }

    /// <summary>The connection string of the running embedded server (the owner), to database <paramref name="database"/>.</summary>
    public string ConnectionString(string database = "hapmodular")
    {
        var lines = File.ReadAllLines(Path.Combine(Cluster, "postmaster.pid"));
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = int.Parse(lines[3], CultureInfo.InvariantCulture),
            Username = "postgres",
            Password = File.ReadAllText(Cluster + ".password").Trim(),
            Database = database,
            Pooling = false,
        }.ConnectionString;
    }

    /// <summary>A scalar from the portal's database, read on its running embedded server.</summary>
    public async Task<long> CountAsync(string sql) => Convert.ToInt64(await ScalarAsync(sql), CultureInfo.InvariantCulture);

    /// <summary>The first column of the first row, read on the running embedded server.</summary>
    public async Task<object?> ScalarAsync(string sql, string database = "hapmodular")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var cluster = Cluster;
        Directory.Delete(Root, recursive: true);
        if (!cluster.StartsWith(Root, StringComparison.Ordinal) && Directory.Exists(cluster))
        {
            Directory.Delete(cluster, recursive: true);
            File.Delete(cluster + ".password");
        }
    }
}
