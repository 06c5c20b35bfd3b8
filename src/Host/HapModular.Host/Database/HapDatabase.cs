using HapModular.EmbeddedPostgres;

namespace HapModular.Host.Database;

/// <summary>
/// Decides which PostgreSQL the host uses: the server named by <c>ConnectionStrings:Hap</c>, or else a private
/// cluster under the data folder, started now and stopped when the host stops.
/// </summary>
internal static class HapDatabase
{
    public static async Task<(string ConnectionString, EmbeddedPostgresServer? Embedded)> ResolveAsync(IConfiguration configuration, string dataDirectory, ILogger logger)
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
            logger);

        // Last line of defence when the host dies without running its stop callbacks (e.g. an unhandled exception).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return (server.ConnectionString, server);
    }
}
