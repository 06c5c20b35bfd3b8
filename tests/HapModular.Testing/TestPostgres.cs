using HapModular.EmbeddedPostgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace HapModular.Testing;

/// <summary>
/// One real PostgreSQL cluster per test process, started by the project's own starter (the same code the host
/// uses), with durability off for speed. Every test class gets its own database.
/// </summary>
public static class TestPostgres
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmbeddedPostgresServer? server;
    private static int counter;

    /// <summary>A new, empty database; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var s = await ServerAsync();
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref counter)}".ToLowerInvariant();
        return await s.CreateDatabaseAsync(name);
    }

    private static async Task<EmbeddedPostgresServer> ServerAsync()
    {
        if (server is not null)
        {
            return server;
        }

        await Gate.WaitAsync();
        try
        {
            if (server is null)
            {
                var dir = Path.Combine(Path.GetTempPath(), "hap-tests", $"pg-{Environment.ProcessId}");
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }

                server = await EmbeddedPostgresServer.StartAsync(
                    new EmbeddedPostgresOptions { ClusterDirectory = dir, Ephemeral = true, Database = "postgres" },
                    NullLogger.Instance);
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    server.Stop();
                    TryDelete(dir);
                };
                StopWhenThisProcessEnds(dir);
            }

            return server;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// The test runner may end its test host without running exit handlers; a small watchdog outside this process
    /// then stops the cluster and removes its folder, so no test run leaves a PostgreSQL server behind.
    /// </summary>
    private static void StopWhenThisProcessEnds(string dir)
    {
        var bin = PostgresBinaries.Find()!;
        var asRoot = Environment.IsPrivilegedProcess ? "runuser -u postgres -- " : string.Empty;
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
                     $"{asRoot}'{bin}/pg_ctl' -D '{dir}' -m immediate stop >/dev/null 2>&1; rm -rf '{dir}' '{dir}.password'";
        var psi = new System.Diagnostics.ProcessStartInfo("setsid", ["bash", "-c", script])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var watchdog = System.Diagnostics.Process.Start(psi);
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
            File.Delete(dir + ".password");
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the next run of the same pid starts clean.
        }
    }
}
