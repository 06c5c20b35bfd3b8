using System.Reflection;
using Autofac;
using HapModular.Host.Composition;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Host.Tests;

/// <summary>
/// The compiled constructor calls that replace Autofac's resolve operation for the project's transients: each call a new
/// instance with the same singletons and scoped instances Autofac would give, and what the call cannot reproduce
/// (disposal tracking, a choice among constructors, a missing dependency) left to Autofac.
/// </summary>
public sealed class TransientFactoriesTests
{
    [Fact]
    public async Task A_transient_is_new_each_time_with_the_container_singletons_and_the_scope_instances()
    {
        await using var container = Build();
        var lifetimes = container.Resolve<ServiceLifetimes>();
        Assert.Equal(ServiceLifetimes.Kind.Built, lifetimes.Of(typeof(Handler)));

        await using var first = container.Resolve<IServiceScopeFactory>().CreateAsyncScope();
        await using var second = container.Resolve<IServiceScopeFactory>().CreateAsyncScope();
        var a = first.ServiceProvider.GetRequiredService<Handler>();
        var b = first.ServiceProvider.GetRequiredService<Handler>();
        var c = second.ServiceProvider.GetRequiredService<Handler>();

        Assert.NotSame(a, b);
        Assert.Same(a.Clock, c.Clock);
        Assert.Same(container.Resolve<Clock>(), a.Clock);
        Assert.Same(a.Unit, b.Unit);
        Assert.NotSame(a.Unit, c.Unit);
        // The scope's own instance, as Autofac answers it inside that scope.
        Assert.Same(first.ServiceProvider.GetRequiredService<Unit>(), a.Unit);
        // A transient dependency is itself new each time.
        Assert.NotSame(a.Step, b.Step);
    }

    [Fact]
    public async Task A_collection_of_singletons_and_transients_keeps_Autofac_s_order_and_instances()
    {
        await using var container = Build();
        var lifetimes = container.Resolve<ServiceLifetimes>();
        Assert.Equal(ServiceLifetimes.Kind.Built, lifetimes.Of(typeof(IEnumerable<IStage>)));

        await using var scope = container.Resolve<IServiceScopeFactory>().CreateAsyncScope();
        // The first answer is Autofac's; the later ones are built and must read the same.
        var answers = Enumerable.Range(0, 3).Select(_ => scope.ServiceProvider.GetRequiredService<IEnumerable<IStage>>().ToArray()).ToList();
        foreach (var stages in answers)
        {
            Assert.Equal([typeof(FirstStage), typeof(SecondStage), typeof(ThirdStage)], stages.Select(s => s.GetType()));
            Assert.Same(answers[0][0], stages[0]);
            Assert.Same(answers[0][2], stages[2]);
        }

        Assert.NotSame(answers[1][1], answers[2][1]);
        Assert.IsType<IStage[]>(scope.ServiceProvider.GetRequiredService<IEnumerable<IStage>>());
    }

    [Fact]
    public async Task What_a_compiled_call_cannot_reproduce_stays_Autofac_s()
    {
        await using var container = Build();
        var lifetimes = container.Resolve<ServiceLifetimes>();

        // Autofac disposes a transient it built with its scope: it still builds it.
        Assert.Equal(ServiceLifetimes.Kind.EachTime, lifetimes.Of(typeof(Disposable)));
        Disposable disposable;
        await using (var scope = container.Resolve<IServiceScopeFactory>().CreateAsyncScope())
        {
            disposable = scope.ServiceProvider.GetRequiredService<Disposable>();
        }

        Assert.True(disposable.Disposed);

        // Several constructors (Autofac chooses), a dependency nothing provides (Autofac's error).
        Assert.Equal(ServiceLifetimes.Kind.EachTime, lifetimes.Of(typeof(TwoConstructors)));
        Assert.Equal(ServiceLifetimes.Kind.EachTime, lifetimes.Of(typeof(NeedsMissing)));
        await using var other = container.Resolve<IServiceScopeFactory>().CreateAsyncScope();
        Assert.NotNull(other.ServiceProvider.GetRequiredService<TwoConstructors>().Clock);
        Assert.ThrowsAny<Exception>(() => other.ServiceProvider.GetRequiredService<NeedsMissing>());
    }

    [Fact]
    public async Task ASP_NET_Core_s_authentication_handlers_are_built_with_the_constructor_Autofac_chooses()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthentication().AddPolicyScheme("either", "either", o => o.ForwardDefault = "cookie").AddCookie("cookie");
        var builder = new ContainerBuilder();
        Autofac.Extensions.DependencyInjection.AutofacRegistration.Populate(builder, services);
        ScopeServicesFactory.Register(builder);
        await using var container = builder.Build();
        var lifetimes = container.Resolve<ServiceLifetimes>();
        Assert.Equal(ServiceLifetimes.Kind.Built, lifetimes.Of(typeof(CookieAuthenticationHandler)));
        Assert.Equal(ServiceLifetimes.Kind.Built, lifetimes.Of(typeof(PolicySchemeHandler)));

        await using var scope = container.Resolve<IServiceScopeFactory>().CreateAsyncScope();
        var built = scope.ServiceProvider.GetRequiredService<CookieAuthenticationHandler>();
        var autofac = ((ScopeServices)scope.ServiceProvider).FromAutofac(typeof(CookieAuthenticationHandler));
        Assert.NotSame(built, scope.ServiceProvider.GetRequiredService<CookieAuthenticationHandler>());
        // Autofac takes the constructor with the most parameters it can fill (the one with ISystemClock): so does the call.
        var clock = typeof(AuthenticationHandler<CookieAuthenticationOptions>).GetProperty("Clock", BindingFlags.Instance | BindingFlags.NonPublic)!;
        Assert.NotNull(clock.GetValue(autofac));
        Assert.Same(clock.GetValue(autofac), clock.GetValue(built));
    }

    [Fact]
    public async Task A_scoped_service_built_by_its_call_is_the_one_instance_Autofac_shares_in_that_scope()
    {
        await using var container = Build();
        var lifetimes = container.Resolve<ServiceLifetimes>();
        Assert.Equal(ServiceLifetimes.Kind.Scoped, lifetimes.Of(typeof(Unit)));
        Assert.NotNull(lifetimes.ScopedCallOf(typeof(Unit)));

        // The call first, then Autofac (for a component it builds itself): one instance.
        await using var first = container.Resolve<IServiceScopeFactory>().CreateAsyncScope();
        var built = first.ServiceProvider.GetRequiredService<Unit>();
        Assert.Same(built, ((ScopeServices)first.ServiceProvider).FromAutofac(typeof(Unit)));
        Assert.Same(built, ((AutofacBuilt)((ScopeServices)first.ServiceProvider).FromAutofac(typeof(AutofacBuilt))).Unit);

        // Autofac first, then the call: still one instance; another scope has its own.
        await using var second = container.Resolve<IServiceScopeFactory>().CreateAsyncScope();
        var autofac = ((AutofacBuilt)((ScopeServices)second.ServiceProvider).FromAutofac(typeof(AutofacBuilt))).Unit;
        Assert.Same(autofac, second.ServiceProvider.GetRequiredService<Unit>());
        Assert.NotSame(built, autofac);
    }

    [Fact]
    public async Task A_scoped_disposable_built_by_its_call_is_disposed_with_its_scope_and_a_cycle_is_Autofac_s_error()
    {
        await using var container = Build();
        var lifetimes = container.Resolve<ServiceLifetimes>();
        ScopedDisposable disposable;
        await using (var scope = container.Resolve<IServiceScopeFactory>().CreateAsyncScope())
        {
            disposable = scope.ServiceProvider.GetRequiredService<ScopedDisposable>();
            Assert.NotNull(lifetimes.ScopedCallOf(typeof(ScopedDisposable)));
            Assert.Same(disposable, scope.ServiceProvider.GetRequiredService<ScopedDisposable>());
            Assert.False(disposable.Disposed);
        }

        Assert.True(disposable.Disposed);

        await using var other = container.Resolve<IServiceScopeFactory>().CreateAsyncScope();
        Assert.ThrowsAny<Autofac.Core.DependencyResolutionException>(() => other.ServiceProvider.GetRequiredService<CycleA>());
    }

    [Fact]
    public async Task ASP_NET_Core_s_scoped_authentication_services_are_built_by_their_calls_and_share_the_handler_provider()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthentication().AddCookie("cookie");
        var builder = new ContainerBuilder();
        Autofac.Extensions.DependencyInjection.AutofacRegistration.Populate(builder, services);
        ScopeServicesFactory.Register(builder);
        await using var container = builder.Build();
        var lifetimes = container.Resolve<ServiceLifetimes>();
        Assert.Equal(ServiceLifetimes.Kind.Scoped, lifetimes.Of(typeof(IAuthenticationService)));
        Assert.NotNull(lifetimes.ScopedCallOf(typeof(IAuthenticationService)));
        Assert.NotNull(lifetimes.ScopedCallOf(typeof(IAuthenticationHandlerProvider)));

        await using var scope = container.Resolve<IServiceScopeFactory>().CreateAsyncScope();
        var provider = scope.ServiceProvider.GetRequiredService<IAuthenticationHandlerProvider>();
        var service = Assert.IsAssignableFrom<AuthenticationService>(scope.ServiceProvider.GetRequiredService<IAuthenticationService>());
        Assert.Same(provider, service.Handlers);
        Assert.Same(service, ((ScopeServices)scope.ServiceProvider).FromAutofac(typeof(IAuthenticationService)));
        Assert.Equal(((ScopeServices)scope.ServiceProvider).FromAutofac(typeof(IAuthenticationService)).GetType(), service.GetType());
    }

    [Fact]
    public async Task A_request_scope_and_MediatR_s_service_factory_in_it_share_one_ScopeServices()
    {
        var builder = new ContainerBuilder();
        builder.RegisterType<Unit>().InstancePerLifetimeScope();
        builder.RegisterModule<MediatorRegistration>();
        ScopeServicesFactory.Register(builder);
        await using var container = builder.Build();

        await using var scope = container.Resolve<IServiceScopeFactory>().CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<MediatR.ServiceFactory>();
        Assert.Same(scope.ServiceProvider, factory.Target);
        Assert.Same(scope.ServiceProvider.GetRequiredService<Unit>(), factory(typeof(Unit)));

        // A scope begun by other means still gets services of its own, over that scope.
        await using var plain = container.BeginLifetimeScope();
        var other = plain.Resolve<MediatR.ServiceFactory>();
        Assert.IsType<ScopeServices>(other.Target);
        Assert.Same(plain.Resolve<Unit>(), other(typeof(Unit)));
        Assert.NotSame(scope.ServiceProvider.GetRequiredService<Unit>(), other(typeof(Unit)));
    }

    [Fact]
    public async Task Whether_a_type_is_a_service_is_answered_by_the_scope_s_own_provider_as_Autofac_answers_it()
    {
        await using var container = Build(populate: true);
        await using var scope = container.Resolve<IServiceScopeFactory>().CreateAsyncScope();
        var answer = scope.ServiceProvider.GetRequiredService<IServiceProviderIsService>();
        var autofac = (IServiceProviderIsService)((ScopeServices)scope.ServiceProvider).FromAutofac(typeof(IServiceProviderIsService));

        Assert.Same(answer, scope.ServiceProvider.GetRequiredService<IServiceProviderIsService>());
        Assert.Same(answer, scope.ServiceProvider.GetRequiredService<IServiceProviderIsKeyedService>());
        foreach (var type in new[] { typeof(Clock), typeof(Unit), typeof(Handler), typeof(IEnumerable<IStage>), typeof(Missing) })
        {
            Assert.Equal(autofac.IsService(type), answer.IsService(type));
        }

        Assert.False(answer.IsService(typeof(Missing)));
    }

    private static IContainer Build(bool populate = false)
    {
        var builder = new ContainerBuilder();
        if (populate)
        {
            // As the host's container: Microsoft's registrations first (among them IServiceProviderIsService).
            Autofac.Extensions.DependencyInjection.AutofacRegistration.Populate(builder, new ServiceCollection());
        }

        builder.RegisterType<Clock>().SingleInstance();
        builder.RegisterType<Unit>().InstancePerLifetimeScope();
        builder.RegisterType<Step>().InstancePerDependency();
        builder.RegisterType<Handler>().InstancePerDependency();
        builder.RegisterType<Disposable>().InstancePerDependency();
        builder.RegisterType<TwoConstructors>().InstancePerDependency();
        builder.RegisterType<NeedsMissing>().InstancePerDependency();
        builder.RegisterType<AutofacBuilt>().InstancePerDependency();
        builder.RegisterType<ScopedDisposable>().InstancePerLifetimeScope();
        builder.RegisterType<CycleA>().InstancePerLifetimeScope();
        builder.RegisterType<CycleB>().InstancePerLifetimeScope();
        builder.RegisterType<FirstStage>().As<IStage>().SingleInstance();
        builder.RegisterType<SecondStage>().As<IStage>().InstancePerDependency();
        builder.RegisterType<ThirdStage>().As<IStage>().SingleInstance();
        ScopeServicesFactory.Register(builder);
        return builder.Build();
    }

    internal sealed class Clock;

    internal interface IStage;

    internal sealed class FirstStage : IStage;

    internal sealed class SecondStage(Clock clock) : IStage
    {
        public Clock Clock { get; } = clock;
    }

    internal sealed class ThirdStage : IStage;

    internal sealed class Unit;

    internal sealed class Missing;

    internal sealed class Step(Clock clock)
    {
        public Clock Clock { get; } = clock;
    }

    internal sealed class Handler(Clock clock, Unit unit, Step step)
    {
        public Clock Clock { get; } = clock;

        public Unit Unit { get; } = unit;

        public Step Step { get; } = step;
    }

    internal sealed class Disposable : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    /// <summary>Disposable, so Autofac builds it: a component that asks Autofac itself for the scope's <see cref="Unit"/>.</summary>
    internal sealed class AutofacBuilt(Unit unit) : IDisposable
    {
        public Unit Unit { get; } = unit;

        public void Dispose()
        {
        }
    }

    internal sealed class ScopedDisposable : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    internal sealed class CycleA(CycleB b)
    {
        public CycleB B { get; } = b;
    }

    internal sealed class CycleB(CycleA a)
    {
        public CycleA A { get; } = a;
    }

    internal sealed class TwoConstructors
    {
        public TwoConstructors()
        {
        }

        public TwoConstructors(Clock clock) => Clock = clock;

        public Clock? Clock { get; }
    }

    internal sealed class NeedsMissing(Missing missing)
    {
        public Missing Missing { get; } = missing;
    }
}
