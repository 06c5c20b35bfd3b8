using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HapModular.Modules.Consent.Tests;

/// <summary>
/// The host with header authentication for the page tests; patients come from the real Records module. Every log line
/// the host writes is kept in <see cref="Logs"/> so a test can prove no NISS reaches the logs.
/// </summary>
public sealed class PagesFactory : ConsentFactory
{
    public ConcurrentQueue<string> Logs { get; } = new();

    protected override bool UseTestAuthentication => true;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Consent:Proof:MaxBytes", "200000"), new("Serilog:MinimumLevel:Default", "Debug")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(new CaptureProvider(Logs)));
    }

    private sealed class CaptureProvider(ConcurrentQueue<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CaptureLogger(logs);

        public void Dispose()
        {
        }
    }

    private sealed class CaptureLogger(ConcurrentQueue<string> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            logs.Enqueue(formatter(state, exception) + " " + exception + " " + (state is IEnumerable<KeyValuePair<string, object?>> values ? string.Join(";", values) : string.Empty));
        }
    }
}
