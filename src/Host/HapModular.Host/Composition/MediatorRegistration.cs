using Autofac;
using HapModular.Host.Web;
using HapModular.Modules.Shared.Access;
using MediatR;

namespace HapModular.Host.Composition;

/// <summary>MediatR 5 on Autofac: the mediator, its service factory, and the host's pipeline behaviours.</summary>
internal sealed class MediatorRegistration : Autofac.Module
{
    protected override void Load(ContainerBuilder builder)
    {
        builder.RegisterType<Mediator>().As<IMediator>().InstancePerLifetimeScope();
        // Through ScopeServices (the request's own, when the scope is a request's): a handler's behaviours and singletons
        // are not rebuilt by Autofac on every Send.
        // Its compiled call (TransientFactories.Metadata) gives the same: the asking scope's own ScopeServices.
        builder.Register<ServiceFactory>(ctx => ScopeServices.Of(ctx.Resolve<ILifetimeScope>(), ctx.Resolve<ServiceLifetimes>()).GetRequiredService)
            .InstancePerLifetimeScope()
            .WithMetadata(TransientFactories.Metadata, (Func<Type, Func<ScopeServices, object>>)(_ => s => (ServiceFactory)s.GetRequiredService));
        // Stateless (a logger): one per request type instead of one per Send — the guard's path sends several per page.
        builder.RegisterGeneric(typeof(RequestLoggingBehavior<,>)).As(typeof(IPipelineBehavior<,>)).SingleInstance();
        // THE patient-data guard, for every module's IPatientScoped requests (shared layer, registered once).
        builder.RegisterPatientAccessGuard();
        // One for the container: it keeps nothing and reads the current request's user on every call (IHttpContextAccessor),
        // as the per-scope instance did; per scope it cost a resolve operation on every request.
        builder.RegisterType<HttpCurrentUser>().As<HapModular.Modules.Shared.ICurrentUser>().SingleInstance();
    }
}
