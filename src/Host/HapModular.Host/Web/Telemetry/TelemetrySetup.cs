using HapModular.Modules.Shared.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HapModular.Host.Web.Telemetry;

/// <summary>
/// OpenTelemetry for operations: metrics (the portal's own <see cref="HapMetrics"/>, ASP.NET Core, Kestrel, the .NET
/// runtime, Npgsql's pools and commands) on a Prometheus scrape endpoint, <c>/metrics</c>, that only an administrator's
/// session or the configured scrape token opens (<see cref="MetricsAccess"/>); traces (ASP.NET Core requests and
/// Npgsql commands, parented by the W3C <c>traceparent</c>) exported over OTLP only when an endpoint is configured
/// (<c>Hap:Telemetry:OtlpEndpoint</c> or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>): recording spans that go
/// nowhere would cost every request for nothing.
/// </summary>
internal static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddHapTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<HapMetrics>();
        services.AddMetricsAccess(configuration);
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("hapmodular"))
            .WithMetrics(m => m
                .AddMeter(HapMetrics.MeterName, "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                // Every scrape sees the counts of that moment (the exporter caches a response 300 ms by default).
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        var otlp = configuration["Hap:Telemetry:OtlpEndpoint"] is { Length: > 0 } configured ? configured : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            otel.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath) && !http.Request.Path.StartsWithSegments("/health"))
                .AddSource("Npgsql")
                .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        }

        return services;
    }

    public static void MapHapMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(MetricsAccess.Policy);
}
