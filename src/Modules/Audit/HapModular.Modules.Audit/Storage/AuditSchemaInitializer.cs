using HapModular.Modules.Shared;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace HapModular.Modules.Audit.Storage;

/// <summary>
/// Creates the audit schema at start-up (idempotent) with the database owner's connection: the table belongs to the
/// owner, the module's own role may only INSERT and SELECT, and a trigger refuses UPDATE, DELETE and TRUNCATE from
/// anyone (an owner who disables it leaves the chain and the checkpoints to tell).
/// </summary>
internal sealed class AuditSchemaInitializer(ModuleContext context) : IHostedService
{
    private const string Ddl = """
        SELECT pg_advisory_xact_lock(7204513);
        DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'audit') THEN CREATE SCHEMA audit; END IF; END $$;
        CREATE TABLE IF NOT EXISTS audit.records (
            seq              bigint PRIMARY KEY,
            at               timestamptz NOT NULL,
            action           text NOT NULL,
            outcome          text NOT NULL,
            actor_user_id    uuid NULL,
            actor_name       text NULL,
            actor_inami      text NULL,
            client_address   text NULL,
            patient_id       uuid NULL,
            document_id      uuid NULL,
            document_title   text NULL,
            purpose          text NULL,
            reason           text NULL,
            link_or_grant_id uuid NULL,
            prev_hash        text NOT NULL,
            hash             text NOT NULL
        );
        ALTER TABLE audit.records ADD COLUMN IF NOT EXISTS key_id text NULL;
        CREATE INDEX IF NOT EXISTS records_patient_at ON audit.records (patient_id, at) WHERE patient_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS records_actor_at ON audit.records (actor_user_id, at) WHERE actor_user_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS records_link_or_grant ON audit.records (link_or_grant_id) WHERE link_or_grant_id IS NOT NULL;
        CREATE OR REPLACE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit.records is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END $$;
        CREATE OR REPLACE TRIGGER records_append_only BEFORE UPDATE OR DELETE ON audit.records FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
        CREATE OR REPLACE TRIGGER records_no_truncate BEFORE TRUNCATE ON audit.records FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
        """;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var owner = new NpgsqlConnectionStringBuilder(context.OwnerConnectionString) { Pooling = false };
        var module = new NpgsqlConnectionStringBuilder(context.ConnectionString).Username;
        await using var connection = new NpgsqlConnection(owner.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Ddl, connection, tx))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (!string.Equals(module, owner.Username, StringComparison.Ordinal))
        {
            // The role name comes from the host's provisioning ([a-z0-9_] only).
            await using var grant = new NpgsqlCommand(
                $"""
                REVOKE ALL ON audit.records FROM "{module}";
                GRANT USAGE ON SCHEMA audit TO "{module}";
                GRANT SELECT, INSERT ON audit.records TO "{module}";
                """,
                connection,
                tx);
            await grant.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
