using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HapModular.Testing;

/// <summary>
/// Every log line a host writes ("Level Category: message exception properties" — the structured values too, so a
/// secret kept in a property that the message does not show is still seen), for tests that prove what is or is not
/// logged. Register with <c>builder.ConfigureServices(s => s.AddSingleton&lt;ILoggerProvider&gt;(logs))</c>.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    /// <summary>The lines, oldest first.</summary>
    public ConcurrentQueue<string> Lines { get; } = new();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    /// <summary>Adds this provider to the host's services.</summary>
    /// <param name="services">The host's services.</param>
    public void AddTo(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(this);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var values = state is IEnumerable<KeyValuePair<string, object?>> properties ? string.Join(";", properties) : string.Empty;
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception} {values}");
        }
    }
}
