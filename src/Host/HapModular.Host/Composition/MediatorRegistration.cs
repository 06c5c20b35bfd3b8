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
        builder.Register<ServiceFactory>(ctx =>
        {
            var scope = ctx.Resolve<IComponentContext>();
            return type => scope.Resolve(type);
        }).InstancePerLifetimeScope();
        builder.RegisterGeneric(typeof(RequestLoggingBehavior<,>)).As(typeof(IPipelineBehavior<,>));
        // THE patient-data guard, for every module's IPatientScoped requests (shared layer, registered once).
        builder.RegisterPatientAccessGuard();
        builder.RegisterType<HttpCurrentUser>().As<HapModular.Modules.Shared.ICurrentUser>().InstancePerLifetimeScope();
    }
}
