using HapModular.Modules.Records.Storage;
using Microsoft.Extensions.Hosting;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>
/// The DICOMweb index: each DICOM document's metadata as DICOM JSON (written by the DICOM plugin, read by QIDO-RS and
/// WADO-RS metadata), keyed by document; plus the UID indexes that map a study or instance to its patient.
/// </summary>
internal sealed class DicomIndexSchema(RecordsDatabase database) : IHostedService
{
    private const string Ddl = """
        SELECT pg_advisory_lock(7204512);
        CREATE TABLE IF NOT EXISTS records.dicom_instances (
            document_id  uuid PRIMARY KEY,
            sha256       text NOT NULL,
            metadata     text NULL,
            problem      text NULL,
            indexed_at   timestamptz NOT NULL
        );
        CREATE INDEX IF NOT EXISTS documents_study_uid ON records.documents (study_uid) WHERE study_uid IS NOT NULL;
        CREATE INDEX IF NOT EXISTS documents_instance_uid ON records.documents (instance_uid) WHERE instance_uid IS NOT NULL;
        SELECT pg_advisory_unlock(7204512);
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
