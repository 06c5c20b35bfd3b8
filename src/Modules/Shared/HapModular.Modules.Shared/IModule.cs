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
    /// <summary>
    /// Short name, also the PostgreSQL schema the module owns (e.g. <c>consent</c>). Its tables are made by the
    /// versioned scripts in the module project's <c>Migrations/</c> folder (<c>V001__baseline.sql</c>…), which the
    /// host applies at start-up, journaled in <c>{schema}.schema_migrations</c>; its Marten documents by Marten.
    /// </summary>
    string Name { get; }

    /// <summary>Framework registrations (Marten store, options, authentication pieces).</summary>
    void ConfigureServices(IServiceCollection services, ModuleContext context);

    /// <summary>Autofac registrations: the module's MediatR handlers and internal services.</summary>
    void ConfigureContainer(ContainerBuilder builder, ModuleContext context);

    /// <summary>
    /// Whether the module's database role owns its schema (creates and alters its tables itself). False for a schema
    /// the module may only append to and read (the audit trail): the host runs the module's migrations as the database
    /// owner and grants the module's role SELECT and INSERT on its tables.
    /// </summary>
    bool OwnsItsSchema => true;

    /// <summary>HTTP endpoints other than Razor Pages (which are found by the framework).</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
