using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Shared;

/// <summary>One Marten store per module, in the module's own PostgreSQL schema.</summary>
public static class MartenModuleExtensions
{
    /// <summary>
    /// Registers a separate Marten store for a module (<typeparamref name="TStore"/> is the module's public marker
    /// interface deriving from <see cref="IDocumentStore"/>), in schema <see cref="IModule.Name"/>, events included,
    /// and creates or updates that schema at start-up — through the host's migration runner, under the same
    /// PostgreSQL advisory lock as every module's SQL scripts (<see cref="ModuleDocumentStore"/>), so several hosts
    /// starting at once never race on it.
    /// </summary>
    public static IServiceCollection AddModuleStore<TStore>(this IServiceCollection services, ModuleContext context, string schema, Action<StoreOptions>? configure = null)
        where TStore : class, IDocumentStore
    {
        ArgumentNullException.ThrowIfNull(context);
        services.AddMartenStore<TStore>(options =>
        {
            // Per-request look-ups (CheckAccess, account status) repeat the same SQL: prepared after two uses, as in
            // PreparedDataSource.
            options.Connection(PreparedDataSource.ConnectionString(context.ConnectionString));
            options.DatabaseSchemaName = schema;
            options.Events.DatabaseSchemaName = schema;
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            configure?.Invoke(options);
        });
        services.AddSingleton(sp => new ModuleDocumentStore(schema, sp.GetRequiredService<TStore>()));
        return services;
    }
}

/// <summary>A module's Marten store, for the host's migration runner (which applies its schema at start-up).</summary>
/// <param name="Schema">The module's schema.</param>
/// <param name="Store">The store.</param>
public sealed record ModuleDocumentStore(string Schema, IDocumentStore Store);
