using HapModular.Modules.Shared.Migrations;
using HapModular.Testing;
using Npgsql;

namespace HapModular.Modules.Notifications.Tests.Letters;

/// <summary>
/// A database from before the sweep: its rendered letters count as completed (the sweep leaves them alone), an
/// unrendered one stays open for the sweep, and migrating again changes nothing.
/// </summary>
public sealed class LetterSchemaUpgradeTests
{
    [Fact]
    public async Task Letters_rendered_before_the_sweep_existed_are_not_redone()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync(nameof(LetterSchemaUpgradeTests));
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var old = dataSource.CreateCommand("""
            CREATE SCHEMA notifications;
            CREATE TABLE notifications.letters (
                id uuid PRIMARY KEY, event_key text NOT NULL UNIQUE, kind text NOT NULL, patient_id uuid NOT NULL, notice jsonb NOT NULL,
                created_at timestamptz NOT NULL, rendered_at timestamptz NULL, batch_date date NULL, language text NULL, pdf bytea NULL, emailed_at timestamptz NULL);
            INSERT INTO notifications.letters (id, event_key, kind, patient_id, notice, created_at, rendered_at, pdf) VALUES
                (gen_random_uuid(), 'rendered:1', 'LinkCreated', gen_random_uuid(), '{}', now(), now(), '\x25504446'),
                (gen_random_uuid(), 'waiting:1', 'LinkCreated', gen_random_uuid(), '{}', now(), NULL, NULL);
            """))
        {
            await old.ExecuteNonQueryAsync();
        }

        // The module's migrations adopt the old table (baseline), and a second run applies nothing.
        var migrations = ModuleMigrations.For(typeof(NotificationsModule).Assembly, "notifications");
        Assert.Equal(["V001__baseline.sql"], migrations.Apply(connectionString));
        Assert.Empty(migrations.Apply(connectionString));

        await using var open = dataSource.CreateCommand("SELECT event_key FROM notifications.letters WHERE completed_at IS NULL");
        Assert.Equal("waiting:1", await open.ExecuteScalarAsync());
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM notifications.letters WHERE completed_at IS NOT NULL");
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }
}
