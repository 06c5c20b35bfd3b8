using Autofac;
using MediatR;

namespace HapModular.Modules.Shared.Access;

/// <summary>The one registration of the patient-data guard, made by the host for every module.</summary>
public static class PatientAccessGuard
{
    /// <summary>
    /// Registers the guard as a MediatR pipeline behaviour (Autofac closes it only for requests that implement
    /// <c>IPatientScoped</c>, its generic constraint) and the per-request <see cref="PatientAccessContext"/>.
    /// </summary>
    public static ContainerBuilder RegisterPatientAccessGuard(this ContainerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.RegisterType<PatientAccessContext>().InstancePerLifetimeScope();
        builder.RegisterType<ImagingAuditBursts>().SingleInstance();
        builder.RegisterGeneric(typeof(PatientAccessBehavior<,>)).As(typeof(IPipelineBehavior<,>)).InstancePerDependency();
        return builder;
    }
}
