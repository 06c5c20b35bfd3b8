using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HapModular.Host.Web.Health;

/// <summary>
/// Hangfire's storage answers (letters, e-mails and retries are queued there). No job server alive anywhere (no
/// heartbeat in the last minute) is Degraded: pages still work, but letters wait.
/// </summary>
internal sealed class JobsHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Hangfire stamps heartbeats with the system clock, not the host's TimeProvider: compare on the same clock.
            var minuteAgo = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-1);
            var alive = storage.GetMonitoringApi().Servers().Count(s => s.Heartbeat is { } beat && beat > minuteAgo);
            return Task.FromResult(alive > 0
                ? HealthCheckResult.Healthy($"{alive} job server(s)")
                : HealthCheckResult.Degraded("no job server has reported in the last minute"));
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(ex.GetType().Name));
        }
    }
}
