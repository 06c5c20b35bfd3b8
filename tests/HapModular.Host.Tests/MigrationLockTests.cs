using HapModular.Host.Database;
using HapModular.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HapModular.Host.Tests;

/// <summary>
/// Finding (a red CI run on a slow machine): two hosts started together, the second waited for the first one's migration
/// lock with its connection's command timeout (30 s) and failed to start while the first was still migrating. A host
/// waits for another host's migration as long as it takes.
/// </summary>
public sealed class MigrationLockTests
{
    [Fact]
    public async Task A_host_waits_for_another_hosts_migration_longer_than_its_command_timeout()
    {
        var database = await TestPostgres.CreateDatabaseAsync("lock");
        await using var other = new NpgsqlConnection(database);
        await other.OpenAsync();
        await ExecuteAsync(other, $"SELECT pg_advisory_lock({SchemaMigrator.Lock})");

        // Its commands time out after 1 s: the wait for the lock must outlast that.
        var plan = new MigrationPlan(new NpgsqlConnectionStringBuilder(database) { CommandTimeout = 1 }.ConnectionString, []);
        var migrating = new SchemaMigrator(plan, [], NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);

        // PostgreSQL's clock tells when the waiting host has waited three times its command timeout (polled at its pace,
        // whatever the machine's speed: only the failure would end the wait sooner).
        await using var waited = new NpgsqlCommand(
            """
            SELECT count(*) FROM pg_stat_activity, pg_sleep(0.05)
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory' AND now() - query_start > interval '3 seconds'
            """,
            other);
        while (!migrating.IsCompleted && (long)(await waited.ExecuteScalarAsync())! == 0)
        {
        }

        Assert.False(migrating.IsCompleted, migrating.Exception?.ToString() ?? "the migration ran without the lock");
        await ExecuteAsync(other, $"SELECT pg_advisory_unlock({SchemaMigrator.Lock})");
        // Once the other host is done, this one takes the lock and finishes.
        await migrating;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
