using HapModular.EmbeddedPostgres;

namespace HapModular.Host.Database;

/// <summary>
/// Decides which PostgreSQL the host uses: the server named by <c>ConnectionStrings:Hap</c>, or else a private
/// cluster under the data folder — started now, or attached to when another process (the running portal, a
/// command-line verb) already runs it — left when the host stops.
/// </summary>
internal static class HapDatabase
{
    public static async Task<(string ConnectionString, EmbeddedPostgresServer? Embedded)> ResolveAsync(IConfiguration configuration, string dataDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        var configured = configuration.GetConnectionString("Hap");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            logger.LogInformation("Using the configured PostgreSQL server");
            return (configured, null);
        }

        var server = await EmbeddedPostgresServer.StartAsync(
            new EmbeddedPostgresOptions
            {
                ClusterDirectory = Path.Combine(dataDirectory, "pg"),
                Port = configuration.GetValue("Hap:EmbeddedPostgres:Port", 0),
            },
            logger,
            cancellationToken);

        // Last line of defence when the host dies without running its stop code (e.g. an unhandled exception); a
        // SIGKILL runs nothing at all, and the server's watchdog handles it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return (server.ConnectionString, server);
    }
}
