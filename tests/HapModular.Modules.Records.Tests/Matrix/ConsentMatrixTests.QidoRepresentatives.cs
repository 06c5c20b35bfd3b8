using HapModular.Modules.Records.DicomWeb;
using HapModular.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Modules.Records.Tests.Matrix;

/// <summary>
/// QIDO-RS at the study and series levels reads only each result's representative instance whole, the others by their
/// summary columns. What a DICOMweb client gets must not change: for every DICOM file of the corpus (several studies,
/// series without numbers, old ACR-NEMA files, character sets), the answers equal those built from every instance's
/// whole metadata — with every attribute of the representative (includefield=all), the counts, ModalitiesInStudy, paging —
/// and still when summaries are missing or describe other content (indexed by the previous release during an upgrade).
/// </summary>
public sealed partial class ConsentMatrixTests
{
    private static readonly string[][] QidoQueries =
    [
        [],
        ["includefield", "all"],
        ["ModalitiesInStudy", "CT"],
        ["ModalitiesInStudy", "PT"],
        ["ModalitiesInStudy", "MR,US", "includefield", "all"],
        ["StudyDate", "19000101-20991231", "limit", "3", "offset", "1"],
        ["Modality", "CT", "includefield", "all"],
    ];

    [Fact]
    public async Task Study_and_series_searches_answer_as_from_every_instances_whole_metadata()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var patient = await PatientWithTheCorpusDicomAsync(services, new DateOnly(1958, 7, 2), 17, "Qido");
        // And a study of two modalities whose series arrive in the reverse of their numbers (the corpus' studies hold one).
        var study = SyntheticDicom.NewUid();
        var later = SyntheticDicom.Series(2, new SyntheticDicom.Slice(study, SyntheticDicom.NewUid(), string.Empty, 0, StudyDate: "20250110", SeriesNumber: 2, PatientId: "HAP-QIDO", Size: 16));
        var first = SyntheticDicom.Series(3, new SyntheticDicom.Slice(study, SyntheticDicom.NewUid(), string.Empty, 0, Modality: "PT", StudyDate: "20250110", SeriesNumber: 1, PatientId: "HAP-QIDO", Size: 16));
        foreach (var slice in later.Concat(first))
        {
            await IngestBytesAsync(patient, SyntheticDicom.Write(slice), $"qido-{slice.SopUid}", null, null);
        }

        var index = services.GetRequiredService<DicomInstanceIndex>();
        var keywords = await services.GetRequiredService<DicomKeywords>().GetAsync(default);
        const string web = "https://portal.example/dicomweb";

        async Task<List<string>> AnswersAsync()
        {
            var answers = new List<string>();
            foreach (var parameters in QidoQueries)
            {
                var (query, error) = QidoQuery.Parse(parameters.Chunk(2).Select(p => new KeyValuePair<string, string>(p[0], p[1])), keywords);
                Assert.True(query is not null, error);
                var whole = await index.ReadAsync(patient, null, null, null, null, default);
                var studies = Qido.Studies(await index.ReadRepresentativesAsync(patient, null, null, QidoLevel.Studies, default), query, web);
                var series = Qido.Series(await index.ReadRepresentativesAsync(patient, null, null, QidoLevel.Series, default), query, web);
                Assert.Equal(Qido.Studies(whole, query, web), studies);
                Assert.Equal(Qido.Series(whole, query, web), series);
                answers.Add(studies);
                answers.Add(series);
            }

            return answers;
        }

        var fresh = await AnswersAsync();
        Assert.Contains(fresh, a => a.Length > 1000);
        Assert.Contains("\"00201208\"", fresh[0], StringComparison.Ordinal);
        Assert.Contains("[\"CT\",\"PT\"]", fresh[2], StringComparison.Ordinal);

        // Summaries missing for some instances, describing other content for others (numbers that would reorder them).
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                UPDATE records.dicom_instances i SET modality = NULL, series_number = NULL, instance_number = NULL, summary_of = NULL
                FROM records.documents d WHERE d.id = i.document_id AND d.patient_id = @p AND get_byte(decode(d.sha256, 'hex'), 0) % 3 = 0;
                UPDATE records.dicom_instances i SET modality = 'XX', series_number = -7, instance_number = -7, summary_of = 'other content'
                FROM records.documents d WHERE d.id = i.document_id AND d.patient_id = @p AND get_byte(decode(d.sha256, 'hex'), 0) % 3 = 1;
                """, connection);
            command.Parameters.AddWithValue("p", patient);
            Assert.True(await command.ExecuteNonQueryAsync() > 10);
        }

        Assert.Equal(fresh, await AnswersAsync());
    }
}
