using System.Diagnostics;
using MediatR;

namespace HapModular.Host.Composition;

/// <summary>Logs each request's type and duration, never its content (requests may carry personal data).</summary>
internal sealed class RequestLoggingBehavior<TRequest, TResponse>(ILogger<RequestLoggingBehavior<TRequest, TResponse>> logger) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        var response = await next();
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("Handled {Request} in {Elapsed:0.0} ms", typeof(TRequest).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return response;
    }
}
