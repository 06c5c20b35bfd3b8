using HapModular.Modules.Shared;
using HapModular.Modules.Shared.Migrations;
using Npgsql;

namespace HapModular.Host.Database;

/// <summary>
/// Brings the database's schema to this release, once, whatever the number of hosts starting at the same moment: on a
/// dedicated owner connection it takes ONE session-level PostgreSQL advisory lock (<see cref="Lock"/>; a second host
/// waits on it, then finds nothing left to do), then applies the host's and every module's migration scripts (each on
/// the connection of the role that owns that schema's objects, each journaled in that schema), grants the roles of
/// modules that do not own their schema their append-and-read rights, and applies every module's Marten schema. The
/// lock goes with the connection, also when a host dies mid-way (PostgreSQL ends its session).
/// </summary>
internal sealed class SchemaMigrator(MigrationPlan plan, IEnumerable<ModuleDocumentStore> stores, ILogger<SchemaMigrator> logger)
{
    /// <summary>The advisory lock key ("HAPMIGRA").</summary>
    public const long Lock = 0x4841_504d_4947_5241;

    /// <summary>What the last run applied, per schema (for the <c>migrate</c> verb and the start-up log).</summary>
    public IReadOnlyList<SchemaMigrationResult> LastRun { get; private set; } = [];

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var owner = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(plan.OwnerConnectionString) { Pooling = false }.ConnectionString);
        await owner.OpenAsync(cancellationToken);
        await WaitForLockAsync(owner, cancellationToken);
        var results = new List<SchemaMigrationResult>();
        foreach (var target in plan.Targets)
        {
            await EnsureSchemaAsync(owner, target.Migrations.Schema, cancellationToken);
            // DbUp is synchronous: off the start-up thread.
            var applied = await Task.Run(() => target.Migrations.Apply(target.ConnectionString, logger), cancellationToken);
            if (target.AppendOnlyRole is { } role)
            {
                await ModuleRoles.GrantAppendOnlyAsync(owner, target.Migrations.Schema, role, cancellationToken);
            }

            results.Add(new SchemaMigrationResult(target.Migrations.Schema, applied, target.Migrations.Scripts.Count));
            if (applied.Count > 0)
            {
                logger.LogInformation("Schema {Schema}: applied {Scripts}", target.Migrations.Schema, string.Join(", ", applied));
            }
        }

        foreach (var store in stores)
        {
            await store.Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        }

        await ExecuteAsync(owner, $"SELECT pg_advisory_unlock({Lock})", CancellationToken.None);
        LastRun = results;
    }

    // Another host's migration may take minutes (a large table's new index; a slow machine): this host waits for it as long
    // as it takes, never its connection's command timeout (30 s by default, after which it failed to start while the other
    // host was still migrating). Only its own shutdown ends the wait.
    private async Task WaitForLockAsync(NpgsqlConnection owner, CancellationToken cancellationToken)
    {
        await using var attempt = new NpgsqlCommand($"SELECT pg_try_advisory_lock({Lock})", owner);
        if (await attempt.ExecuteScalarAsync(cancellationToken) is true)
        {
            return;
        }

        logger.LogInformation("Another host is migrating the database: waiting for it to finish");
        await using var wait = new NpgsqlCommand($"SELECT pg_advisory_lock({Lock})", owner) { CommandTimeout = 0 };
        await wait.ExecuteNonQueryAsync(cancellationToken);
    }

    // The journal lives in the schema, so the schema comes first. The host's role provisioning makes the modules'
    // schemas when it may create roles; otherwise (and for the host's own schema) it is made here, under the lock.
    private static async Task EnsureSchemaAsync(NpgsqlConnection owner, string schema, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_namespace WHERE nspname = $1", owner);
        exists.Parameters.Add(new NpgsqlParameter { Value = schema });
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await ExecuteAsync(owner, $"CREATE SCHEMA \"{schema}\"", cancellationToken);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Which scripts run, where, as whom: the host's own first, then each module's.</summary>
/// <param name="OwnerConnectionString">The database owner (takes the lock, makes missing schemas, grants).</param>
/// <param name="Targets">Each schema's scripts and the connection to run them on.</param>
internal sealed record MigrationPlan(string OwnerConnectionString, IReadOnlyList<MigrationTarget> Targets)
{
    /// <summary>The host's schema (<c>host.demo_seeds</c>): its scripts run as the owner.</summary>
    public const string HostSchema = "host";

    public static MigrationPlan For(string ownerConnectionString, IReadOnlyList<IModule> modules, IReadOnlyDictionary<string, string> roles)
    {
        var ownerUser = new NpgsqlConnectionStringBuilder(ownerConnectionString).Username;
        var targets = new List<MigrationTarget> { new(ModuleMigrations.For(typeof(MigrationPlan).Assembly, HostSchema), ownerConnectionString, null) };
        foreach (var module in modules)
        {
            var migrations = ModuleMigrations.For(module.GetType().Assembly, module.Name);
            if (migrations.Scripts.Count == 0)
            {
                continue;
            }

            // A module that owns its schema creates its objects as its own role; one that only appends (the audit trail)
            // has them made by the owner, and its role granted SELECT and INSERT afterwards.
            var role = new NpgsqlConnectionStringBuilder(roles[module.Name]).Username;
            targets.Add(module.OwnsItsSchema
                ? new MigrationTarget(migrations, roles[module.Name], null)
                : new MigrationTarget(migrations, ownerConnectionString, role == ownerUser ? null : role));
        }

        return new MigrationPlan(ownerConnectionString, targets);
    }
}

/// <summary>One schema's scripts, the connection that runs them, and the role to grant append-and-read rights to after.</summary>
internal sealed record MigrationTarget(ModuleMigrations Migrations, string ConnectionString, string? AppendOnlyRole);

/// <summary>What one run did for one schema.</summary>
internal sealed record SchemaMigrationResult(string Schema, IReadOnlyList<string> Applied, int Known);

/// <summary>Runs the migrations before any other start-up work of the host (registered first).</summary>
internal sealed class MigrateOnStartup(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
