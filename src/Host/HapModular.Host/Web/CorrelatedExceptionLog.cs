using Microsoft.AspNetCore.Diagnostics;

namespace HapModular.Host.Web;

/// <summary>
/// Logs every unhandled exception once, with the correlation id the error page or the problem details show, then
/// lets the exception handler answer (the error page for pages, problem details for /api).
/// </summary>
internal sealed class CorrelatedExceptionLog(ILogger<CorrelatedExceptionLog> logger) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        logger.LogError(exception, "Unhandled exception on {Method} {Path}, correlation id {CorrelationId}", httpContext.Request.Method, httpContext.Request.Path, Correlation.Id(httpContext));
        return ValueTask.FromResult(false);
    }
}
