using Autofac;
using Autofac.Extensions.DependencyInjection;

namespace HapModular.Host.Composition;

/// <summary>
/// A lifetime scope's services as ASP.NET Core and MediatR ask for them (a request's <c>RequestServices</c>).
/// Why: a timeline page asks ~60 services of its request scope (model binding, page and view activation, view
/// components, MediatR's handlers and behaviours), most of them singletons; Autofac builds a whole resolve operation
/// for each, even a singleton's (profiled: a third of the page's allocations). Like Microsoft's own container, this
/// remembers what cannot change: a singleton once per container (<see cref="ServiceLifetimes"/>), a scoped instance
/// once per scope (built by its compiled call where it has one, in the Autofac scope's own store: <see cref="ScopedCall"/>);
/// a new instance of the project's own transients (handlers, behaviours) by a compiled constructor call
/// (<see cref="TransientFactories"/>). Every other answer (keyed services, framework transients) is still Autofac's.
/// Only the container's wiring is remembered: nothing a request reads (sessions, access, documents) is.
/// </summary>
internal sealed class ScopeServices(ILifetimeScope scope, ServiceLifetimes lifetimes) : IServiceProvider, ISupportRequiredService, IKeyedServiceProvider
{
    private readonly Lock gate = new();

    // The scoped instances this provider handed out, searched in order: a page asks for about six, and a dictionary's
    // buckets and entries were ~0.4 KiB of each request (issue 15).
    private (Type Type, object Instance)[]? scoped;
    private int scopedCount;
    private AutofacServiceProvider? keyed;

    /// <summary>
    /// The services of <paramref name="scope"/>: the ones its <see cref="ScopeServicesFactory"/> made for it (a request's
    /// <c>RequestServices</c>), else new ones (a scope begun by other means). Why: MediatR's ServiceFactory and the
    /// request asked two instances, each resolving the request's scoped services through Autofac once more (measured:
    /// the mediator and the verified account twice per timeline page, a resolve operation each).
    /// </summary>
    public static ScopeServices Of(ILifetimeScope scope, ServiceLifetimes lifetimes) =>
        scope.Tag is ScopeServicesFactory.ScopeTag { Services: { } services } ? services : new ScopeServices(scope, lifetimes);

    public object? GetService(Type serviceType) => Get(serviceType, required: false);

    public object GetRequiredService(Type serviceType) => Get(serviceType, required: true)!;

    /// <summary>Autofac's own answer, whatever this provider would remember or build.</summary>
    public object FromAutofac(Type type) => scope.Resolve(type);

    public T Get<T>()
        where T : notnull => (T)Get(typeof(T), required: true)!;

    public object? GetKeyedService(Type serviceType, object? serviceKey) => Keyed.GetKeyedService(serviceType, serviceKey);

    public object GetRequiredKeyedService(Type serviceType, object? serviceKey) => Keyed.GetRequiredKeyedService(serviceType, serviceKey);

    private AutofacServiceProvider Keyed => keyed ??= new AutofacServiceProvider(scope);

    private object? Get(Type type, bool required)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type == typeof(IServiceProvider))
        {
            return this;
        }

        if (type == typeof(IServiceProviderIsService) || type == typeof(IServiceProviderIsKeyedService))
        {
            // Autofac answers a new AutofacServiceProvider over this same scope each time (a whole resolve operation,
            // asked by every ActivatorUtilities.CreateInstance: an authentication handler on each request); its answers
            // come from the container's registrations, so this scope's one AutofacServiceProvider answers the same.
            return Keyed;
        }

        switch (lifetimes.Of(type))
        {
            case ServiceLifetimes.Kind.Singleton:
                return lifetimes.Singleton(type, scope);
            case ServiceLifetimes.Kind.Scoped:
                return Scoped(type);
            case ServiceLifetimes.Kind.Built:
                return lifetimes.Build(type, this);
            case ServiceLifetimes.Kind.Absent when !required:
                return null;
            default:
                return required ? scope.Resolve(type) : scope.ResolveOptional(type);
        }
    }

    private object Scoped(Type type)
    {
        lock (gate)
        {
            if (Known(type) is { } known)
            {
                return known;
            }
        }

        // Resolved outside the lock: its construction may ask this scope for other services. The scope itself holds one
        // instance per registration, so a second resolve of the same type (another thread) gives the same instance.
        var instance = lifetimes.ScopedCallOf(type)?.Share(scope, this) ?? scope.Resolve(type);
        lock (gate)
        {
            if (Known(type) is null)
            {
                var entries = scoped ??= new (Type, object)[8];
                if (scopedCount == entries.Length)
                {
                    Array.Resize(ref scoped, entries.Length * 2);
                }

                scoped[scopedCount++] = (type, instance);
            }
        }

        return instance;
    }

    private object? Known(Type type)
    {
        for (var i = 0; i < scopedCount; i++)
        {
            if (scoped![i].Type == type)
            {
                return scoped[i].Instance;
            }
        }

        return null;
    }
}
