using Microsoft.Extensions.Hosting;

namespace HapModular.Modules.Audit.Storage;

/// <summary>Creates the audit schema at start-up (idempotent).</summary>
internal sealed class AuditSchemaInitializer(AuditDatabase database) : IHostedService
{
    private const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS audit;
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
        CREATE INDEX IF NOT EXISTS records_patient_at ON audit.records (patient_id, at) WHERE patient_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS records_actor_at ON audit.records (actor_user_id, at) WHERE actor_user_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS records_link_or_grant ON audit.records (link_or_grant_id) WHERE link_or_grant_id IS NOT NULL;
        """;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(Ddl);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
