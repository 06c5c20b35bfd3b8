using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Autofac.Core;
using Autofac.Core.Activators.Reflection;

namespace HapModular.Host.Composition;

/// <summary>
/// A compiled constructor call for a component Autofac would build anew each time (MediatR's handlers and the guard's
/// behaviour: several per page), made once per type. Why: each of them cost a whole Autofac resolve operation per
/// request (its context, its pipeline, the constructor binding), the largest share of a timeline page's allocations;
/// the compiled call allocates the instance only, each dependency asked of the same <see cref="ScopeServices"/>
/// (singletons and scoped instances as remembered there, the rest from Autofac). Only the wiring is compiled: every
/// instance is still new, nothing a request reads is remembered.
/// Compiled only where the call is certainly what Autofac would do: the project's own types (its modules register
/// them with <c>RegisterType</c>, <c>RegisterAssemblyTypes</c> or <c>RegisterGeneric</c>, never with parameters,
/// properties or activation handlers — <c>ArchitectureTests</c> keeps it so), Autofac's reflection activator with its
/// default constructor choice, one public constructor whose every parameter the container provides, no required
/// members, and nothing disposable (Autofac would track it for the scope's disposal). Anything else stays Autofac's.
/// </summary>
internal static class TransientFactories
{
    /// <summary>
    /// Registration metadata: a <c>Func&lt;Type, Func&lt;ScopeServices, object&gt;&gt;</c> giving, for a service type, the
    /// call that builds what the registration's own delegate builds (for delegate registrations, which no reflection
    /// can compile: <c>ViewHelperFactories</c>). Read only from the registration that answers the service, so a test's or
    /// a later module's replacement registration is never bypassed.
    /// </summary>
    public const string Metadata = "HapModular.CompiledCall";

    private static readonly MethodInfo Required = typeof(ScopeServices).GetMethod(nameof(ScopeServices.GetRequiredService))!;

    /// <summary>The compiled call for <paramref name="registration"/>, or null when it must stay Autofac's.</summary>
    public static Func<ScopeServices, object>? TryCompile(Type service, IComponentRegistration registration, Func<Type, ServiceLifetimes.Kind> kindOf)
    {
        if (registration.Metadata.TryGetValue(Metadata, out var declared) && declared is Func<Type, Func<ScopeServices, object>> callFor)
        {
            return callFor(service);
        }

        if (registration.Activator is not ReflectionActivator { ConstructorFinder: DefaultConstructorFinder, ConstructorSelector: MostParametersConstructorSelector } activator)
        {
            return null;
        }

        var type = activator.LimitType;
        if (type.Assembly.GetName().Name?.StartsWith("HapModular.", StringComparison.Ordinal) != true
            || type.IsAbstract
            || typeof(IDisposable).IsAssignableFrom(type) || typeof(IAsyncDisposable).IsAssignableFrom(type)
            || type.IsDefined(typeof(RequiredMemberAttribute), inherit: true)
            || type.GetConstructors() is not [var constructor])
        {
            return null;
        }

        var services = Expression.Parameter(typeof(ScopeServices), "services");
        var arguments = new List<Expression>();
        foreach (var parameter in constructor.GetParameters())
        {
            // Keyed or otherwise attributed parameters (the compiler's own nullability marks aside), by-ref and pointer
            // types: Autofac's own binding.
            if (parameter.GetCustomAttributesData().Any(a => a.AttributeType.Namespace != "System.Runtime.CompilerServices")
                || parameter.ParameterType.IsByRef || parameter.ParameterType.IsPointer
                || kindOf(parameter.ParameterType) == ServiceLifetimes.Kind.Absent)
            {
                return null;
            }

            arguments.Add(Expression.Convert(Expression.Call(services, Required, Expression.Constant(parameter.ParameterType)), parameter.ParameterType));
        }

        return Expression.Lambda<Func<ScopeServices, object>>(Expression.New(constructor, arguments), services).Compile();
    }
}
