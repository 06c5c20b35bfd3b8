using Autofac.Core;

namespace HapModular.Host.Composition;

/// <summary>
/// A collection (MediatR's pipeline behaviours for a request, a notification's handlers) whose members are the
/// container's singletons and transients with a compiled call (<see cref="TransientFactories"/>), built without an Autofac
/// resolve operation: the guard's behaviour was one per patient-scoped Send. The first answer is Autofac's own; it gives
/// the singletons' instances and proves the order (the members in registration order, as Autofac lists them): if it does
/// not match, every later answer is Autofac's too.
/// </summary>
internal sealed class CollectionCall
{
    private readonly Type service;
    private readonly Type element;
    private readonly Type[] types;
    private readonly Func<ScopeServices, object>?[] calls;
    private object[]? first;
    private bool autofacs;

    private CollectionCall(Type service, Type element, Type[] types, Func<ScopeServices, object>?[] calls)
    {
        this.service = service;
        this.element = element;
        this.types = types;
        this.calls = calls;
    }

    /// <summary>The call for <paramref name="service"/> (an <c>IEnumerable&lt;T&gt;</c>), or null when a member has none.</summary>
    public static Func<ScopeServices, object>? TryCompile(
        Type service, IReadOnlyList<IComponentRegistration> members, IReadOnlyList<ServiceLifetimes.Kind> kinds, Func<IComponentRegistration, Func<ScopeServices, object>?> compile)
    {
        var calls = new Func<ScopeServices, object>?[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            if (kinds[i] == ServiceLifetimes.Kind.Singleton)
            {
                continue;
            }

            if (kinds[i] != ServiceLifetimes.Kind.EachTime || compile(members[i]) is not { } call)
            {
                return null;
            }

            calls[i] = call;
        }

        return new CollectionCall(service, service.GenericTypeArguments[0], [.. members.Select(m => m.Activator.LimitType)], calls).Build;
    }

    private object Build(ScopeServices services)
    {
        if (autofacs)
        {
            return services.FromAutofac(service);
        }

        if (first is not { } known)
        {
            var answer = services.FromAutofac(service);
            var items = answer is Array array ? array.Cast<object>().ToArray() : null;
            if (items is null || items.Length != types.Length || items.Where((item, i) => !types[i].IsInstanceOfType(item)).Any())
            {
                autofacs = true;
            }
            else
            {
                first = items;
            }

            return answer;
        }

        var built = Array.CreateInstance(element, calls.Length);
        for (var i = 0; i < calls.Length; i++)
        {
            built.SetValue(calls[i] is { } call ? call(services) : known[i], i);
        }

        return built;
    }
}
