using Autofac;

namespace HapModular.Host.Composition;

/// <summary>
/// The host's <see cref="IServiceScopeFactory"/> (each request's scope, Hangfire's jobs, the tests'): an Autofac child
/// lifetime scope, as Autofac's own factory makes it, served through <see cref="ScopeServices"/>.
/// </summary>
internal sealed class ScopeServicesFactory(ILifetimeScope scope, ServiceLifetimes lifetimes) : IServiceScopeFactory
{
    public IServiceScope CreateScope() => new Scope(scope.BeginLifetimeScope(), lifetimes);

    /// <summary>Registered after Autofac's own registrations (which it replaces), with the per-container lifetimes.</summary>
    public static void Register(ContainerBuilder builder)
    {
        builder.Register(c => new ServiceLifetimes(c.Resolve<IComponentContext>())).SingleInstance();
        builder.Register(c => new ScopeServicesFactory(c.Resolve<ILifetimeScope>(), c.Resolve<ServiceLifetimes>())).As<IServiceScopeFactory>().InstancePerLifetimeScope();
    }

    private sealed class Scope(ILifetimeScope child, ServiceLifetimes lifetimes) : IServiceScope, IAsyncDisposable
    {
        public IServiceProvider ServiceProvider { get; } = new ScopeServices(child, lifetimes);

        public void Dispose() => child.Dispose();

        public ValueTask DisposeAsync() => child.DisposeAsync();
    }
}
