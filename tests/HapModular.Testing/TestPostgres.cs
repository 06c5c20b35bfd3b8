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
            }

            return server;
        }
        finally
        {
            Gate.Release();
        }
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
