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
                    // A folder left by an earlier run whose pid this process now has.
                    Directory.Delete(dir, recursive: true);
                }

                server = await EmbeddedPostgresServer.StartAsync(
                    new EmbeddedPostgresOptions { ClusterDirectory = dir, Ephemeral = true, Database = "postgres" },
                    NullLogger.Instance);
                // The starter's watchdog stops the cluster and deletes it (Ephemeral) even when the test runner ends its
                // test host without running exit handlers, so no test run leaves a PostgreSQL server behind.
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
            }

            return server;
        }
        finally
        {
            Gate.Release();
        }
    }
}
