using HapModular.Modules.Records.DicomWeb;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Modules.Records.Tests.Matrix;

/// <summary>
/// Each DICOM instance is indexed as it is ingested: the first physician to open a new study no longer waits for every
/// instance of it to be read back and described. What ingestion writes must be exactly what the first reading wrote
/// before (metadata, problem, summary), for every DICOM file of the corpus — the readers trust either the same.
/// </summary>
public sealed partial class ConsentMatrixTests
{
    [Fact]
    public async Task Ingested_instances_are_indexed_at_once_exactly_as_on_first_reading()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var patient = await PatientWithTheCorpusDicomAsync(scope.ServiceProvider, new DateOnly(1958, 11, 2), 15, "Ingestion");
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        // Nothing has read the patient's instances yet.
        var atIngestion = await IndexRowsAsync(connection, patient);
        Assert.True(atIngestion.Count >= 30 && atIngestion.Count == await DicomDocumentsAsync(connection, patient), $"{atIngestion.Count} stored DICOM documents indexed at ingestion");
        Assert.Contains(atIngestion, r => r.Contains("|CT|", StringComparison.Ordinal));

        await using (var clear = new NpgsqlCommand("DELETE FROM records.dicom_instances i USING records.documents d WHERE d.id = i.document_id AND d.patient_id = @p", connection))
        {
            clear.Parameters.AddWithValue("p", patient);
            Assert.Equal(atIngestion.Count, await clear.ExecuteNonQueryAsync());
        }

        await scope.ServiceProvider.GetRequiredService<DicomInstanceIndex>().ReadSummariesAsync(patient, null, default);
        Assert.Equal(atIngestion, await IndexRowsAsync(connection, patient));
    }

    /// <summary>Each index row as one line, by document: everything but the time it was written.</summary>
    private static async Task<List<string>> IndexRowsAsync(NpgsqlConnection connection, Guid patient)
    {
        await using var command = new NpgsqlCommand("""
            SELECT concat_ws('|', d.id, i.sha256 = d.sha256, md5(i.metadata::text), i.problem, i.study_date, i.study_description, i.modality,
                i.series_number, i.instance_number, i.frames, i.summary_of = d.sha256)
            FROM records.documents d JOIN records.dicom_instances i ON i.document_id = d.id
            WHERE d.patient_id = @p ORDER BY d.id
            """, connection);
        return await LinesAsync(command, patient);
    }

    private static async Task<long> DicomDocumentsAsync(NpgsqlConnection connection, Guid patient)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM records.documents WHERE patient_id = @p AND media_type = 'application/dicom' AND study_uid IS NOT NULL", connection);
        command.Parameters.AddWithValue("p", patient);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
