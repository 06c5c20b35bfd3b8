using System.Net;
using System.Text.RegularExpressions;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.DicomWeb;
using HapModular.Modules.Records.Demo;
using HapModular.Modules.Records.Ingestion;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Modules.Records.Tests.Matrix;

/// <summary>
/// The workspace lists studies and picks a study's first image from each instance's summary (V003), not from every
/// instance's whole metadata. An instance the previous release indexed during an upgrade has no summary, or one that
/// describes other content: the page must read the same — same dates, modalities, counts, the same first image.
/// </summary>
public sealed partial class ConsentMatrixTests
{
    [Fact]
    public async Task The_study_list_and_first_image_read_the_same_when_summaries_are_missing_or_stale()
    {
        // Series numbers against arrival order: the first image is series 1's instance 1, not the first ingested.
        var study = SyntheticDicom.NewUid();
        var later = SyntheticDicom.Series(2, new SyntheticDicom.Slice(study, SyntheticDicom.NewUid(), string.Empty, 0, StudyDate: "20250110", SeriesNumber: 2, PatientId: "HAP-SUMMARY", Size: 16))
            .Select(s => s with { InstanceNumber = s.InstanceNumber + 3 }).ToList();
        var first = SyntheticDicom.Series(3, new SyntheticDicom.Slice(study, SyntheticDicom.NewUid(), string.Empty, 0, Modality: "PT", StudyDate: "20250110", SeriesNumber: 1, PatientId: "HAP-SUMMARY", Size: 16));
        foreach (var slice in later.Concat(first))
        {
            await IngestBytesAsync(W.A.Id, SyntheticDicom.Write(slice), $"summary-{slice.SopUid}", null, null);
        }

        var client = W.Client(factory, W.Linked);
        var fresh = await StudyPageAsync(client, study);
        Assert.Contains("10/01/2025", fresh.Item, StringComparison.Ordinal);
        Assert.Contains("CT/PT", fresh.Item, StringComparison.Ordinal);
        Assert.Contains("2 série(s), 5 image(s)", fresh.Item, StringComparison.Ordinal);
        // The first image is the portal's rendering of series 1's instance 1, as its own URL serves it.
        var expected = await client.GetByteArrayAsync(new Uri(
            $"/patients/{W.A.Id}/dicomweb/studies/{study}/series/{first[0].SeriesUid}/instances/{first[0].SopUid}/rendered?viewport=1024,1024&accept=image/png", UriKind.Relative));
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(expected), fresh.FirstImage);

        // One summary missing, one describing other content (its numbers would put series 2 first and add frames).
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                UPDATE records.dicom_instances i SET study_date = NULL, study_description = NULL, modality = NULL, series_number = NULL, instance_number = NULL, frames = NULL, summary_of = NULL
                FROM records.documents d WHERE d.id = i.document_id AND d.instance_uid = @missing;
                UPDATE records.dicom_instances i SET study_date = '19000101', modality = 'XX', series_number = -5, instance_number = -5, frames = 40, summary_of = 'other content'
                FROM records.documents d WHERE d.id = i.document_id AND d.instance_uid = @stale;
                """, connection);
            command.Parameters.AddWithValue("missing", first[0].SopUid);
            command.Parameters.AddWithValue("stale", later[0].SopUid);
            Assert.Equal(2, await command.ExecuteNonQueryAsync());
        }

        Assert.Equal(fresh, await StudyPageAsync(client, study));
    }

    /// <summary>
    /// The migration fills the summaries of the instances indexed before it from their metadata, in SQL: for every DICOM
    /// file of the corpus (character sets, multi-frame objects, old ACR-NEMA files), what it writes equals what the
    /// portal writes when it indexes the file itself (DicomJson's reading).
    /// </summary>
    [Fact]
    public async Task The_migrations_summaries_of_indexed_instances_equal_the_portals_own()
    {
        Guid patient;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            patient = await PatientWithTheCorpusDicomAsync(scope.ServiceProvider, new DateOnly(1961, 3, 14), 13, "Summary");
            await scope.ServiceProvider.GetRequiredService<DicomInstanceIndex>().ReadSummariesAsync(patient, null, null, default);
        }

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        var own = await SummariesAsync(connection, patient);
        Assert.True(own.Count >= 30, $"{own.Count} corpus instances indexed");
        Assert.Contains(own, s => s.EndsWith("|10", StringComparison.Ordinal));
        await using (var clear = new NpgsqlCommand("UPDATE records.dicom_instances i SET study_date = NULL, study_description = NULL, modality = NULL, series_number = NULL, instance_number = NULL, frames = NULL, summary_of = NULL FROM records.documents d WHERE d.id = i.document_id AND d.patient_id = @p", connection))
        {
            clear.Parameters.AddWithValue("p", patient);
            Assert.Equal(own.Count, await clear.ExecuteNonQueryAsync());
        }

        await using var script = typeof(RecordsModule).Assembly.GetManifestResourceStream("hap-migrations/V003__dicom_instances_summary.sql")!;
        var sql = await new StreamReader(script).ReadToEndAsync();
        await using (var backfill = new NpgsqlCommand(sql[sql.IndexOf("UPDATE records.dicom_instances", StringComparison.Ordinal)..], connection))
        {
            await backfill.ExecuteNonQueryAsync();
        }

        Assert.Equal(own, await SummariesAsync(connection, patient));
    }

    /// <summary>A new patient of hers, every DICOM file of the corpus ingested for her (a malformed one is refused).</summary>
    private static async Task<Guid> PatientWithTheCorpusDicomAsync(IServiceProvider services, DateOnly birth, int sequence, string lastName)
    {
        var patient = await services.GetRequiredService<IMediator>().Send(new RegisterPatient(DemoNiss.For(birth, sequence), lastName, "Corpus", birth, "F", "fr", ["Rue 1", "7000 Mons"], null, false));
        foreach (var file in Directory.EnumerateFiles(Corpus.File("dicom"), "*.dcm"))
        {
            await services.GetRequiredService<DocumentIngestor>().IngestAsync(
                "matrix",
                new IngestMetadata { SourceId = $"{patient:N}-{Path.GetFileName(file)}", PatientId = patient, FileName = Path.GetFileName(file), Department = "Radiologie" },
                await File.ReadAllBytesAsync(file),
                default);
        }

        return patient;
    }

    /// <summary>Each instance's summary as one line, by document (a summary of other content counts as none).</summary>
    private static async Task<List<string>> SummariesAsync(NpgsqlConnection connection, Guid patient)
    {
        await using var command = new NpgsqlCommand("""
            SELECT d.id::text || '|' || i.study_date || '|' || i.study_description || '|' || i.modality || '|' || i.series_number || '|' || i.instance_number || '|' || i.frames
            FROM records.documents d JOIN records.dicom_instances i ON i.document_id = d.id AND i.summary_of = i.sha256
            WHERE d.patient_id = @p ORDER BY d.id
            """, connection);
        return await LinesAsync(command, patient);
    }

    /// <summary>The query's one text column for the patient (<c>@p</c>), row by row.</summary>
    private static async Task<List<string>> LinesAsync(NpgsqlCommand command, Guid patient)
    {
        command.Parameters.AddWithValue("p", patient);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    /// <summary>The study's item in the list (HTML) and the first image's source, from the workspace opened on it.</summary>
    private async Task<(string Item, string FirstImage)> StudyPageAsync(HttpClient client, string study)
    {
        using var page = await client.GetAsync(new Uri($"/patients/{W.A.Id}/imaging?study={study}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var item = Regex.Match(html, $"<li><button[^>]*data-study=\"{Regex.Escape(study)}\".*?</li>", RegexOptions.Singleline);
        var image = Regex.Match(html, "<img class=\"viewport-preview\" src=\"([^\"]+)\"");
        Assert.True(item.Success && image.Success, "the study's item and its first image are on the page");
        return (WebUtility.HtmlDecode(item.Value), image.Groups[1].Value);
    }
}
