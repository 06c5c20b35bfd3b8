using System.Collections.Concurrent;

namespace HapModular.Host.Web;

/// <summary>
/// One logger per category, as the framework's own <c>LoggerFactory</c> keeps them. Serilog's factory builds a new
/// logger (with its own event-id cache, a concurrent map) on every <c>CreateLogger</c> — and ASP.NET Core's
/// authentication handlers, created for every request, each ask for theirs: a few concurrent maps per request, thrown
/// away. Categories are type names chosen by code, so the map stays small.
/// </summary>
internal sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => loggers.GetOrAdd(categoryName, inner.CreateLogger);

    /// <summary>Wraps the <see cref="ILoggerFactory"/> registered last (Serilog's), keeping its lifetime and disposal.</summary>
    public static void Wrap(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(sp => new CachingLoggerFactory(registered switch
        {
            { ImplementationInstance: ILoggerFactory instance } => instance,
            { ImplementationFactory: { } factory } => (ILoggerFactory)factory(sp),
            _ => (ILoggerFactory)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!),
        }));
    }

    // Loggers already handed out keep writing through the inner factory's pipeline; new ones are built afresh.
    public void AddProvider(ILoggerProvider provider)
    {
        inner.AddProvider(provider);
        loggers.Clear();
    }

    public void Dispose() => inner.Dispose();
}
