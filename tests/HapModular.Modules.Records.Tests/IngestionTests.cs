using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Demo;
using HapModular.Modules.Records.Documents;
using HapModular.Modules.Records.Ingestion;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Tests;

public sealed class IngestionTests(HapAppFactory factory) : IClassFixture<HapAppFactory>
{
    private static readonly string Niss = DemoNiss.For(new DateOnly(1950, 4, 4), 41);

    [Fact]
    public async Task A_document_is_accepted_once_and_resending_its_source_id_keeps_one_document()
    {
        var (client, _) = await ReadyAsync();
        var first = await PostAsync(client, "documents/pdf/discharge_summary_sample.pdf", new { sourceId = "lab-1", patientNiss = Niss, department = "Urgences" });
        var second = await PostAsync(client, "documents/pdf/discharge_summary_sample.pdf", new { sourceId = "lab-1", patientNiss = Niss, department = "Urgences" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<JsonElement>();
        var b = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("documentId").GetGuid(), b.GetProperty("documentId").GetGuid());
        Assert.Equal("application/pdf", a.GetProperty("mediaType").GetString());
        var stored = await factory.Services.GetRequiredService<DocumentRepository>().FindAsync(a.GetProperty("documentId").GetGuid(), default);
        Assert.Equal("report", stored!.Kind);
    }

    [Fact]
    public async Task Requests_without_a_valid_key_are_refused()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(IngestEndpoint.ApiKeyHeader, "hap_wrong");
        var response = await PostAsync(client, "photos/png_rgb_hopper.png", new { sourceId = "x", patientNiss = Niss });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"patientNiss\":\"12345678901\",\"sourceId\":\"a\"}", 400, "Invalid metadata")]
    [InlineData("{\"patientNiss\":\"PATIENT\",\"sourceId\":\"\"}", 400, "Invalid metadata")]
    [InlineData("{\"patientNiss\":\"PATIENT\",\"sourceId\":\"b\",\"kind\":\"poem\"}", 400, "Invalid metadata")]
    [InlineData("not json", 400, "Invalid metadata")]
    [InlineData("{\"patientNiss\":\"PATIENT\",\"sourceId\":\"d\",\"authorInami\":\"18334781004\"}", 400, "Invalid metadata")]
    [InlineData("{\"patientNiss\":\"PATIENT\",\"sourceId\":\"e\",\"maskedBy\":\"author\"}", 400, "Invalid metadata")]
    [InlineData("{\"patientId\":\"5d7d2a1e-0000-0000-0000-000000000001\",\"sourceId\":\"c\"}", 422, "Unknown patient")]
    public async Task Bad_metadata_and_unknown_patients_get_a_clear_problem(string metadata, int status, string title)
    {
        var (client, _) = await ReadyAsync();
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(File.ReadAllBytes(Corpus.File("photos/png_rgb_hopper.png"))), "content", "p.png" },
            { new StringContent(metadata.Replace("PATIENT", Niss, StringComparison.Ordinal)), "metadata" },
        };
        var response = await client.PostAsync("/api/ingest", content);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(title, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Unrecognised_bytes_are_refused_as_unsupported_and_nothing_is_stored()
    {
        var (client, _) = await ReadyAsync();
        var before = await factory.Services.GetRequiredService<DocumentRepository>().CountAsync(default);
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent([0x00, 0x13, 0x37, 0x42, 0x00, 0x01, 0xFE, 0xEE, 0, 0, 0, 0, 1]), "content", "x.bin" },
            { new StringContent(JsonSerializer.Serialize(new { sourceId = "bin-1", patientNiss = Niss })), "metadata" },
        };
        var response = await client.PostAsync("/api/ingest", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(before, await factory.Services.GetRequiredService<DocumentRepository>().CountAsync(default));
    }

    [Fact]
    public async Task Every_corpus_file_is_accepted_or_refused_with_a_clear_reason()
    {
        var (_, patientId) = await ReadyAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var ingestor = scope.ServiceProvider.GetRequiredService<DocumentIngestor>();
        var outcomes = new Dictionary<string, IngestOutcome>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Corpus.Root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Corpus.Root, file).Replace('\\', '/');
            var outcome = await ingestor.IngestAsync("corpus-test", new IngestMetadata { SourceId = relative, PatientId = patientId, FileName = Path.GetFileName(file) }, await File.ReadAllBytesAsync(file), default);
            outcomes[relative] = outcome;
            if (!outcome.Accepted)
            {
                Assert.InRange(outcome.Status, 400, 499);
                Assert.False(string.IsNullOrWhiteSpace(outcome.Reason), relative);
            }
        }

        var accepted = outcomes.Values.Count(o => o.Accepted);
        Assert.True(accepted > 150, $"only {accepted} corpus files accepted");
        // Intact HEIC/HEIF photos are kept (download card); a cut one is refused as truncated.
        Assert.True(outcomes["photos/heic_photo_pug.heic"].Accepted, outcomes["photos/heic_photo_pug.heic"].Reason);
        Assert.True(outcomes["photos/heif_rgb_8bit_128.heif"].Accepted, outcomes["photos/heif_rgb_8bit_128.heif"].Reason);
        Assert.Equal(422, outcomes["photos/heic_truncated.heic"].Status);
        Assert.Contains("truncated", outcomes["photos/heic_truncated.heic"].Reason, StringComparison.Ordinal);
        Assert.Equal(422, outcomes["photos/jpeg_truncated_progressive.jpg"].Status);
    }

    [Fact]
    public async Task An_intact_heic_photo_is_stored_without_thumbnail_and_a_truncated_one_is_refused_over_the_api()
    {
        var (client, _) = await ReadyAsync();
        var intact = await PostAsync(client, "photos/heic_photo_pug.heic", new { sourceId = "heic-1", patientNiss = Niss, department = "Dermatologie", authorInami = "1-00001-06-003" });
        var truncated = await PostAsync(client, "photos/heic_truncated.heic", new { sourceId = "heic-2", patientNiss = Niss, department = "Dermatologie" });

        Assert.Equal(HttpStatusCode.Created, intact.StatusCode);
        var id = (await intact.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documentId").GetGuid();
        var stored = await factory.Services.GetRequiredService<DocumentRepository>().FindAsync(id, default);
        Assert.Equal(("photo", "image/heic"), (stored!.Kind, stored.MediaType));
        Assert.Null(stored.ThumbnailSha256);
        Assert.Equal("10000106003", stored.AuthorInami);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, truncated.StatusCode);
        var problem = await truncated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("truncated", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<(HttpClient Client, Guid PatientId)> ReadyAsync()
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var patientId = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new RegisterPatient(Niss, "Paul", "Renard", new DateOnly(1950, 4, 4), "M", "fr", ["Rue 2"], null, false));
        var key = await scope.ServiceProvider.GetRequiredService<SourceSystemKeys>().CreateOrRotateAsync("lab-" + Guid.NewGuid().ToString("N")[..8], default);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(IngestEndpoint.ApiKeyHeader, key);
        return (client, patientId);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string file, object metadata)
    {
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(File.ReadAllBytes(Corpus.File(file))), "content", Path.GetFileName(file) },
            { new StringContent(JsonSerializer.Serialize(metadata)), "metadata" },
        };
        return await client.PostAsync("/api/ingest", content);
    }
}
