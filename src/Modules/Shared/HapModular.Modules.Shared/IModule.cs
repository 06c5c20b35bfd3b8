using Autofac;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Shared;

/// <summary>
/// A module's front door: the one public class of a module implementation. Program.cs lists the modules
/// explicitly; the host calls these methods in order at start-up.
/// </summary>
public interface IModule
{
    /// <summary>Short name, also the PostgreSQL schema the module owns (e.g. <c>consent</c>).</summary>
    string Name { get; }

    /// <summary>Framework registrations (Marten store, options, authentication pieces).</summary>
    void ConfigureServices(IServiceCollection services, ModuleContext context);

    /// <summary>Autofac registrations: the module's MediatR handlers and internal services.</summary>
    void ConfigureContainer(ContainerBuilder builder, ModuleContext context);

    /// <summary>HTTP endpoints other than Razor Pages (which are found by the framework).</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
