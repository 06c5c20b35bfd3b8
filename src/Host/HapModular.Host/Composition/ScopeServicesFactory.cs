using Autofac;

namespace HapModular.Host.Composition;

/// <summary>
/// The host's <see cref="IServiceScopeFactory"/> (each request's scope, Hangfire's jobs, the tests'): an Autofac child
/// lifetime scope, as Autofac's own factory makes it, served through <see cref="ScopeServices"/>.
/// </summary>
internal sealed class ScopeServicesFactory(ILifetimeScope scope, ServiceLifetimes lifetimes) : IServiceScopeFactory
{
    public IServiceScope CreateScope()
    {
        // The child scope's tag carries its ScopeServices, so MediatR's ServiceFactory in that scope serves the same
        // one (ScopeServices.Of) and a scoped service both ask for is resolved by Autofac once, not once for each.
        var tag = new ScopeTag();
        var child = scope.BeginLifetimeScope(tag);
        tag.Services = new ScopeServices(child, lifetimes);
        return new Scope(child, tag.Services);
    }

    /// <summary>Registered after Autofac's own registrations (which it replaces), with the per-container lifetimes.</summary>
    public static void Register(ContainerBuilder builder)
    {
        builder.Register(c => new ServiceLifetimes(c.Resolve<IComponentContext>())).SingleInstance();
        builder.Register(c => new ScopeServicesFactory(c.Resolve<ILifetimeScope>(), c.Resolve<ServiceLifetimes>())).As<IServiceScopeFactory>().InstancePerLifetimeScope();
    }

    /// <summary>A request scope's tag: its services (an object of its own, so no tag-matched registration matches it).</summary>
    internal sealed class ScopeTag
    {
        public ScopeServices? Services { get; set; }
    }

    private sealed class Scope(ILifetimeScope child, ScopeServices services) : IServiceScope, IAsyncDisposable
    {
        public IServiceProvider ServiceProvider { get; } = services;

        public void Dispose() => child.Dispose();

        public ValueTask DisposeAsync() => child.DisposeAsync();
    }
}
