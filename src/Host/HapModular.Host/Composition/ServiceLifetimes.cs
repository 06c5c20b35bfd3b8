using System.Collections.Concurrent;
using Autofac;
using Autofac.Core;
using Autofac.Core.Lifetime;

namespace HapModular.Host.Composition;

/// <summary>
/// How long what Autofac answers for a service type stays the same, read once per type from its registration: the
/// container's singletons (<see cref="Kind.Singleton"/>, remembered here), one instance per lifetime scope
/// (<see cref="Kind.Scoped"/>, remembered by <see cref="ScopeServices"/>), a type nothing provides (<see cref="Kind.Absent"/>),
/// a new instance each time built by a compiled constructor call (<see cref="Kind.Built"/>, see <see cref="TransientFactories"/>),
/// or a new answer each time (<see cref="Kind.EachTime"/>: Autofac is asked every time, as before). A scoped type may
/// also have a compiled call (<see cref="ScopedCall"/>): its one instance per scope is then built without a resolve
/// operation, but still stored in and shared through the Autofac scope itself.
/// </summary>
internal sealed class ServiceLifetimes(IComponentContext root)
{
    internal enum Kind
    {
        EachTime,
        Singleton,
        Scoped,
        Absent,
        Built,
    }

    // The types whose compiled call is being made on this thread: a cycle of transients stays Autofac's (which refuses it).
    [ThreadStatic]
    private static HashSet<Type>? compiling;

    private readonly ConcurrentDictionary<Type, Kind> kinds = new();
    private readonly ConcurrentDictionary<Type, object> singletons = new();
    private readonly ConcurrentDictionary<Type, Func<ScopeServices, object>> factories = new();
    private readonly ConcurrentDictionary<Type, ScopedCall> scopedCalls = new();

    public Kind Of(Type type) => kinds.TryGetValue(type, out var kind) ? kind : kinds.GetOrAdd(type, Classify);

    /// <summary>The container's one instance of a <see cref="Kind.Singleton"/> type, asked to Autofac the first time.</summary>
    public object Singleton(Type type, ILifetimeScope scope) =>
        singletons.TryGetValue(type, out var instance) ? instance : singletons.GetOrAdd(type, scope.Resolve(type));

    /// <summary>A new instance of a <see cref="Kind.Built"/> type, its dependencies asked of <paramref name="services"/>.</summary>
    public object Build(Type type, ScopeServices services) => factories[type](services);

    /// <summary>The compiled call of a <see cref="Kind.Scoped"/> type, or null when Autofac builds it.</summary>
    public ScopedCall? ScopedCallOf(Type type) => scopedCalls.GetValueOrDefault(type);

    private Kind Classify(Type type)
    {
        var registry = root.ComponentRegistry;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            // A collection is as lasting as its shortest-lived member (as Microsoft's container decides for its own).
            var element = new TypedService(type.GenericTypeArguments[0]);
            var registrations = registry.ServiceRegistrationsFor(element).OrderBy(r => r.GetRegistrationOrder()).Select(r => r.Registration).ToList();
            var members = registrations.Select(Of).ToList();
            if (members.Contains(Kind.EachTime))
            {
                // Singletons and compiled transients only (the guard's behaviours, a notification's handlers): built
                // without a resolve operation too (CollectionCall); anything else stays Autofac's.
                return !members.Contains(Kind.Scoped) && !registry.ServiceMiddlewareFor(element).Any()
                    && Compile(type, () => CollectionCall.TryCompile(type, registrations, members, r => TransientFactories.TryCompile(element.ServiceType, r, Of)))
                    ? Kind.Built : Kind.EachTime;
            }

            return members.Contains(Kind.Scoped) ? Kind.Scoped : Kind.Singleton;
        }

        var service = new TypedService(type);
        if (!registry.TryGetServiceRegistration(service, out var registration))
        {
            // Registration sources are asked too: a type none of them provides is never provided (the container is built).
            return registry.IsRegistered(service) ? Kind.EachTime : Kind.Absent;
        }

        // Decorators and other service middleware may answer differently from the registration: left to Autofac.
        if (registry.ServiceMiddlewareFor(service).Any())
        {
            return Kind.EachTime;
        }

        var kind = Of(registration.Registration);
        if (kind == Kind.Scoped)
        {
            var scoped = registration.Registration;
            Compile(type, () => TransientFactories.TryCompile(type, scoped, Of, scoped: true), call => scopedCalls.TryAdd(type, new ScopedCall(scoped, call)));
            return kind;
        }

        return kind == Kind.EachTime && Compile(type, () => TransientFactories.TryCompile(type, registration.Registration, Of)) ? Kind.Built : kind;
    }

    private bool Compile(Type type, Func<Func<ScopeServices, object>?> compile) =>
        Compile(type, compile, factory => factories.TryAdd(type, factory));

    private static bool Compile(Type type, Func<Func<ScopeServices, object>?> compile, Action<Func<ScopeServices, object>> store)
    {
        compiling ??= [];
        if (!compiling.Add(type))
        {
            return false;
        }

        try
        {
            if (compile() is not { } factory)
            {
                return false;
            }

            store(factory);
            return true;
        }
        finally
        {
            compiling.Remove(type);
        }
    }

    private static Kind Of(IComponentRegistration registration) =>
        registration.Sharing != InstanceSharing.Shared ? Kind.EachTime
        : registration.Lifetime is RootScopeLifetime ? Kind.Singleton
        : registration.Lifetime is CurrentScopeLifetime ? Kind.Scoped
        : Kind.EachTime;
}
