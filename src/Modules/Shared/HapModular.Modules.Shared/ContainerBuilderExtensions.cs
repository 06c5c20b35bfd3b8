using System.Reflection;
using Autofac;
using MediatR;

namespace HapModular.Modules.Shared;

/// <summary>Autofac helpers for module front doors.</summary>
public static class ContainerBuilderExtensions
{
    /// <summary>
    /// Registers every MediatR request and notification handler of a module assembly. Autofac scanning includes
    /// internal types, so handlers stay <c>internal sealed</c> (MediatR 5 resolves them by reflection).
    /// </summary>
    public static ContainerBuilder RegisterMediatRHandlers(this ContainerBuilder builder, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.RegisterAssemblyTypes(assembly).AsClosedTypesOf(typeof(IRequestHandler<,>)).InstancePerDependency();
        builder.RegisterAssemblyTypes(assembly).AsClosedTypesOf(typeof(IRequestHandler<>)).InstancePerDependency();
        builder.RegisterAssemblyTypes(assembly).AsClosedTypesOf(typeof(INotificationHandler<>)).InstancePerDependency();
        return builder;
    }
}
