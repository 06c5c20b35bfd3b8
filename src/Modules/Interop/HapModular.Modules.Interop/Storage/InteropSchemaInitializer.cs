using Microsoft.Extensions.Hosting;

namespace HapModular.Modules.Interop.Storage;

/// <summary>Creates the inbound message table and the SMART launch tables at start-up (idempotent).</summary>
internal sealed class InteropSchemaInitializer(InteropDatabase database) : IHostedService
{
    private const string Ddl = """
        SELECT pg_advisory_lock(7204514);
        DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'interop') THEN CREATE SCHEMA interop; END IF; END $$; -- the module's role may not create schemas: only when missing
        CREATE TABLE IF NOT EXISTS interop.messages (
            id           uuid PRIMARY KEY,
            source       text NOT NULL,
            sender       text NOT NULL,
            message_key  text NOT NULL,
            blob_sha256  text NOT NULL,
            size         bigint NOT NULL,
            received_at  timestamptz NOT NULL,
            status       text NOT NULL,
            reason       text NULL,
            patient_id   uuid NULL,
            document_id  uuid NULL,
            attempts     int NOT NULL DEFAULT 0,
            updated_at   timestamptz NOT NULL,
            CONSTRAINT messages_key UNIQUE (source, message_key)
        );
        CREATE INDEX IF NOT EXISTS messages_status ON interop.messages (status, received_at DESC);
        CREATE TABLE IF NOT EXISTS interop.smart_launches (
            id_hash     text PRIMARY KEY,
            client_id   text NOT NULL,
            patient_id  uuid NULL,
            created_at  timestamptz NOT NULL,
            expires_at  timestamptz NOT NULL,
            used_at     timestamptz NULL
        );
        CREATE TABLE IF NOT EXISTS interop.smart_codes (
            grant_id     text PRIMARY KEY,
            redeemed_at  timestamptz NOT NULL
        );
        SELECT pg_advisory_unlock(7204514);
        """;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Ddl;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
