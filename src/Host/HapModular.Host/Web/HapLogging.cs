using System.Diagnostics;
using Serilog;
using Serilog.Context;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace HapModular.Host.Web;

/// <summary>
/// Serilog for the host. <c>Hap:Logging:Json</c> (default: on outside Development and the demo) writes one compact
/// JSON object per line (<c>@t</c>, <c>@m</c>, <c>@l</c>, <c>@tr</c>, properties) for a log collector; otherwise the
/// readable console lines. Every event of a request carries <c>CorrelationId</c>, the id answered in the
/// <c>X-Correlation-Id</c> header and shown on error pages (<see cref="Correlation"/>). Messages name no NISS:
/// templates log ids and codes only (LogCaptureTests look for secrets in every line).
/// </summary>
internal static class HapLogging
{
    public const string Header = "X-Correlation-Id";

    public static void UseHapLogging(this WebApplicationBuilder builder, bool jsonByDefault)
    {
        var json = builder.Configuration.GetValue("Hap:Logging:Json", jsonByDefault);
        // Serilog writes to the console itself and to any provider a test adds (log-capture tests). Each host keeps
        // its own logger (preserveStaticLogger): several hosts in one test process must not share the static one.
        builder.Logging.ClearProviders();
        builder.Host.UseSerilog(
            (ctx, cfg) =>
            {
                // Antiforgery warns on every signed-in page that sets its own no-store header (the sign-out form's token
                // makes it "no-cache, no-store"): both mean "never cache", and a warning per page view floods the log.
                // The exception handler's own line lacks the correlation id; CorrelatedExceptionLog writes the one line that has it.
                cfg.MinimumLevel.Override("Microsoft.AspNetCore.Antiforgery", Serilog.Events.LogEventLevel.Error)
                    .MinimumLevel.Override("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", Serilog.Events.LogEventLevel.Fatal)
                    .ReadFrom.Configuration(ctx.Configuration).Enrich.FromLogContext().Enrich.With<ActivityCorrelation>();
                if (json)
                {
                    cfg.WriteTo.Console(new RenderedCompactJsonFormatter());
                }
                else
                {
                    cfg.WriteTo.Console();
                }
            },
            preserveStaticLogger: true,
            writeToProviders: true);
        CachingLoggerFactory.Wrap(builder.Services);
    }

    /// <summary>
    /// The request summary line ("HTTP GET … responded 200") through the host's own logger: Serilog's middleware
    /// otherwise writes to the static logger, which a host that preserves it (each host keeps its own) never configures.
    /// </summary>
    public static IApplicationBuilder UseRequestSummaries(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(o => o.Logger = app.ApplicationServices.GetService<Serilog.ILogger>());

    /// <summary>First in the pipeline: the request's correlation id in its answer and on each of its log events.</summary>
    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var id = Correlation.Id(http);
        // At send time: the exception handler clears the headers before it re-executes the error page.
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        using (LogContext.PushProperty("CorrelationId", id))
        {
            await next(http);
        }
    });

    // Events the hosting layer writes before the pipeline runs ("Request starting") carry the id too: the trace id of
    // the request's activity, the same id Correlation.Id answers.
    private sealed class ActivityCorrelation : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            if (Activity.Current is { } activity && activity.TraceId != default)
            {
                logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("CorrelationId", activity.TraceId.ToString()));
            }
        }
    }
}
