using Autofac;
using Autofac.Core;

namespace HapModular.Host.Composition;

/// <summary>
/// The compiled constructor call of a scoped component (<see cref="TransientFactories"/>), used the way Autofac's own
/// resolve uses its activator: the instance is created through the scope's <see cref="ISharingLifetimeScope.CreateSharedInstance(Guid, Func{object})"/>
/// under the registration's id, so the scope holds exactly one — whether this call or an Autofac resolve (of a component
/// that depends on it) comes first — and, when the scope owns it, it is handed to the scope's disposer as Autofac's
/// disposal tracking does. Why: six scoped services per timeline page (the authentication service and its handler
/// provider, the mediator, the view buffer scope, the verified account, the guard's access context) each cost a whole
/// resolve operation, ~1 KiB apiece (issue 15). Only the wiring is compiled: each scope still gets new instances.
/// </summary>
internal sealed class ScopedCall(IComponentRegistration registration, Func<ScopeServices, object> build)
{
    // CreateSharedInstance calls its creator at once on the calling thread (or not at all when the scope already holds
    // the instance): the call to make is handed over in a thread-static, so one static delegate serves every creation
    // (a closure and a delegate per scoped service were ~0.7 KiB of each page).
    private static readonly Func<object> CreatePending = () =>
    {
        var (call, scope, services) = pending ?? throw new InvalidOperationException("No scoped creation is pending on this thread.");
        pending = null;
        return call.Create(scope, services);
    };

    // The registrations this thread is creating: a dependency cycle is left to Autofac's resolve, which reports it.
    [ThreadStatic]
    private static List<Guid>? building;

    [ThreadStatic]
    private static (ScopedCall Call, ILifetimeScope Scope, ScopeServices Services)? pending;

    /// <summary>The scope's instance, created by the call if it has none; null when Autofac must answer.</summary>
    public object? Share(ILifetimeScope scope, ScopeServices services)
    {
        if (scope is not ISharingLifetimeScope sharing)
        {
            return null;
        }

        var active = building ??= [];
        if (active.Contains(registration.Id))
        {
            return null;
        }

        active.Add(registration.Id);
        pending = (this, scope, services);
        try
        {
            return sharing.CreateSharedInstance(registration.Id, CreatePending);
        }
        finally
        {
            pending = null;
            active.RemoveAt(active.Count - 1);
        }
    }

    private object Create(ILifetimeScope scope, ScopeServices services)
    {
        var instance = build(services);
        if (registration.Ownership == InstanceOwnership.OwnedByLifetimeScope)
        {
            // As Autofac's disposal tracking: the scope disposes what it owns, in reverse order of creation.
            if (instance is IDisposable disposable)
            {
                scope.Disposer.AddInstanceForDisposal(disposable);
            }
            else if (instance is IAsyncDisposable asyncDisposable)
            {
                scope.Disposer.AddInstanceForAsyncDisposal(asyncDisposable);
            }
        }

        return instance;
    }
}
