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
/// properties or activation handlers — <c>ArchitectureTests</c> keeps it so) with one public constructor, and ASP.NET
/// Core's authentication handlers (<see cref="IsFrameworkAuthenticationHandler"/>) with Autofac's own constructor choice;
/// Autofac's reflection activator with its default constructor finder and selector, every constructor parameter one the
/// container provides, no required members, and nothing disposable (Autofac would track it for the scope's disposal).
/// Anything else stays Autofac's.
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

    /// <summary>
    /// The compiled call for <paramref name="registration"/>, or null when it must stay Autofac's. <paramref name="scoped"/>:
    /// the call of a scoped component (<see cref="ScopedCall"/>, which tracks a disposable one for its scope as Autofac
    /// does), among them the framework's few listed in <see cref="IsFrameworkScoped"/>.
    /// </summary>
    public static Func<ScopeServices, object>? TryCompile(Type service, IComponentRegistration registration, Func<Type, ServiceLifetimes.Kind> kindOf, bool scoped = false)
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
        var own = type.Assembly.GetName().Name?.StartsWith("HapModular.", StringComparison.Ordinal) == true;
        if ((!own && !(scoped ? IsFrameworkScoped(type) : IsFrameworkAuthenticationHandler(type)))
            || type.IsAbstract
            || (!scoped && (typeof(IDisposable).IsAssignableFrom(type) || typeof(IAsyncDisposable).IsAssignableFrom(type)))
            || type.IsDefined(typeof(RequiredMemberAttribute), inherit: true)
            || Choose(type.GetConstructors(), allowChoice: !own, kindOf) is not { } constructor)
        {
            return null;
        }

        var services = Expression.Parameter(typeof(ScopeServices), "services");
        var arguments = constructor.GetParameters()
            .Select(p => (Expression)Expression.Convert(Expression.Call(services, Required, Expression.Constant(p.ParameterType)), p.ParameterType));
        return Expression.Lambda<Func<ScopeServices, object>>(Expression.New(constructor, arguments), services).Compile();
    }

    /// <summary>
    /// ASP.NET Core's own authentication handlers (the cookie and policy-scheme handlers): registered transient by
    /// <c>AddAuthentication</c>, two of them built on every request (profiled: ~9 KiB of Autofac resolve operations per
    /// request). Constructor injection only, nothing disposable; the only choice is between their constructors, made
    /// below exactly as Autofac makes it.
    /// </summary>
    private static bool IsFrameworkAuthenticationHandler(Type type) =>
        typeof(Microsoft.AspNetCore.Authentication.IAuthenticationHandler).IsAssignableFrom(type)
        && type.Assembly.GetName().Name?.StartsWith("Microsoft.AspNetCore.Authentication", StringComparison.Ordinal) == true;

    /// <summary>
    /// The framework's scoped services a request asks for on every page, each registered by its library with a plain
    /// <c>AddScoped</c>/<c>RegisterType</c> (constructor injection only): ASP.NET Core's authentication service and handler
    /// provider, MVC's view buffer scope (disposable: its scope disposes it), MediatR's mediator. Named one by one: a
    /// library type not listed stays Autofac's.
    /// </summary>
    private static bool IsFrameworkScoped(Type type) =>
        type.FullName is "Microsoft.AspNetCore.Authentication.AuthenticationService" or "Microsoft.AspNetCore.Authentication.AuthenticationServiceImpl"
            or "Microsoft.AspNetCore.Authentication.AuthenticationHandlerProvider"
            or "Microsoft.AspNetCore.Mvc.ViewFeatures.Buffers.MemoryPoolViewBufferScope"
            or "MediatR.Mediator";

    /// <summary>
    /// The constructor Autofac's default selector takes: the one with the most parameters among those whose every
    /// parameter the container provides; null (Autofac's own answer, or its error) when that is not certain — a keyed or
    /// attributed parameter, a by-ref or pointer type, a tie, or a choice among several where none was allowed.
    /// </summary>
    private static ConstructorInfo? Choose(ConstructorInfo[] constructors, bool allowChoice, Func<Type, ServiceLifetimes.Kind> kindOf)
    {
        if (constructors.Length == 0 || (!allowChoice && constructors.Length != 1))
        {
            return null;
        }

        ConstructorInfo? chosen = null;
        var tie = false;
        foreach (var constructor in constructors)
        {
            var parameters = constructor.GetParameters();
            if (parameters.Any(p => p.GetCustomAttributesData().Any(a => a.AttributeType.Namespace != "System.Runtime.CompilerServices")
                || p.ParameterType.IsByRef || p.ParameterType.IsPointer))
            {
                // Keyed or otherwise attributed parameters (the compiler's own nullability marks aside): Autofac's binding.
                return null;
            }

            if (parameters.Any(p => kindOf(p.ParameterType) == ServiceLifetimes.Kind.Absent))
            {
                if (parameters.Any(p => p.HasDefaultValue))
                {
                    // Autofac would fill an optional parameter with its default: not reproduced here.
                    return null;
                }

                continue;
            }

            var count = parameters.Length;
            var best = chosen?.GetParameters().Length ?? -1;
            if (count > best)
            {
                (chosen, tie) = (constructor, false);
            }
            else if (count == best)
            {
                tie = true;
            }
        }

        return tie ? null : chosen;
    }
}
