using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HapModular.Host.Web.Health;

/// <summary>
/// <c>/health/live</c>: the process answers (no dependency checked: a load balancer must not kill hosts because the
/// database blinked). <c>/health/ready</c>: PostgreSQL, the document store and the job storage, each with its status
/// (JSON, no secrets), 503 when one is unhealthy — take the host out of the pool. <c>/health</c> stays as before
/// (PostgreSQL only, plain text: scripts wait on it).
/// </summary>
internal static class HealthEndpoints
{
    public const string Ready = "ready";

    public static IHealthChecksBuilder AddHapHealthChecks(this IServiceCollection services, string connectionString) =>
        services.AddHealthChecks()
            .AddNpgSql(connectionString, name: "postgresql", timeout: TimeSpan.FromSeconds(5), tags: [Ready])
            .AddCheck<BlobStoreHealthCheck>("document-store", tags: [Ready])
            .AddCheck<JobsHealthCheck>("jobs", tags: [Ready]);

    public static void MapHapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Name == "postgresql" });
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync });
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}
