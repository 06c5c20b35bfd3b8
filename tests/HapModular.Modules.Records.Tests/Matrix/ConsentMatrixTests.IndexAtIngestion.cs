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

        await scope.ServiceProvider.GetRequiredService<DicomInstanceIndex>().ReadSummariesAsync(patient, null, null, default);
        Assert.Equal(atIngestion, await IndexRowsAsync(connection, patient));
    }

    /// <summary>
    /// What the index lacks (instances ingested before it existed, rows lost) is looked up in the read's own round trip,
    /// indexed, and that first read answers in full: the workspace's study list, QIDO's studies, series and instances,
    /// and one named instance — each exactly as it answers once the index is whole.
    /// </summary>
    [Fact]
    public async Task The_first_read_after_the_index_lost_the_patients_rows_answers_in_full()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var patient = await PatientWithTheCorpusDicomAsync(services, new DateOnly(1962, 5, 9), 19, "Reindex");
        var index = services.GetRequiredService<DicomInstanceIndex>();
        var (query, error) = QidoQuery.Parse([], await services.GetRequiredService<DicomKeywords>().GetAsync(default));
        Assert.True(query is not null, error);
        const string web = "https://portal.example/dicomweb";
        var named = (await index.ReadAsync(patient, null, null, null, null, default)).First(i => i.Text("00080060") == "CT");
        Func<Task<string>>[] reads =
        [
            async () => string.Join('\n', await index.ReadSummariesAsync(patient, null, null, default)),
            async () => Qido.Studies(await index.ReadRepresentativesAsync(patient, null, null, QidoLevel.Studies, default), query, web),
            async () => Qido.Series(await index.ReadRepresentativesAsync(patient, null, null, QidoLevel.Series, default), query, web),
            async () => Qido.Instances(await index.ReadAsync(patient, null, null, null, null, default), query, web),
            async () => Qido.Instances(await index.ReadAsync(patient, null, named.StudyUid, named.SeriesUid, named.SopUid, default), query, web),
        ];
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var rows = await IndexRowsAsync(connection, patient);
        foreach (var read in reads)
        {
            var whole = await read();
            Assert.True(whole.Length > 100, whole);
            await using (var clear = new NpgsqlCommand("DELETE FROM records.dicom_instances i USING records.documents d WHERE d.id = i.document_id AND d.patient_id = @p", connection))
            {
                clear.Parameters.AddWithValue("p", patient);
                Assert.Equal(rows.Count, await clear.ExecuteNonQueryAsync());
            }

            Assert.Equal(whole, await read());
            Assert.Equal(rows, await IndexRowsAsync(connection, patient));
        }
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
