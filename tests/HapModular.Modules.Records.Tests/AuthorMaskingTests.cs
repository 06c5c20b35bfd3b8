using System.Net;
using HapModular.Modules.Records.Ingestion;
using HapModular.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HapModular.Modules.Records.Tests;

/// <summary>R6 after ingestion: the author masks their document from its page; only the author keeps access.</summary>
public sealed class AuthorMaskingTests(GuardFactory factory) : IClassFixture<GuardFactory>
{
    [Fact]
    public async Task The_author_masks_the_photo_then_every_other_physician_loses_it_everywhere_and_unmasking_brings_it_back()
    {
        var w = await MaskingWorld.CreateAsync(factory, 11, new DateOnly(1970, 3, 14));
        var author = factory.CreateClient().As(w.Author);
        var other = factory.CreateClient().As(w.Other);
        await AssertOtherSeesPhotoAsync(other, w, visible: true);
        Assert.Contains("id=\"mask-own\"", await author.GetStringAsync(w.Page(w.Photo)), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"mask-own\"", await other.GetStringAsync(w.Page(w.Photo)), StringComparison.Ordinal);

        var masked = await MaskingWorld.PostFormAsync(author, w.Page(w.Photo), w.Page(w.Photo) + "?handler=Mask", new Dictionary<string, string> { ["mask"] = "true" });
        var maskedHtml = await masked.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, masked.StatusCode);
        Assert.Contains("Vous avez masqué ce document", maskedHtml, StringComparison.Ordinal);
        Assert.Contains("Démasquer ce document", maskedHtml, StringComparison.Ordinal);

        await AssertOtherSeesPhotoAsync(other, w, visible: false);
        // The masking physician keeps access: timeline, page, download and thumbnail.
        Assert.Contains(w.Photo.ToString(), await author.GetStringAsync($"/patients/{w.Patient}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await author.GetAsync(w.Page(w.Photo) + "/download")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await author.GetAsync(w.Page(w.Photo) + "/thumbnail")).StatusCode);

        var unmasked = await MaskingWorld.PostFormAsync(author, w.Page(w.Photo), w.Page(w.Photo) + "?handler=Mask", new Dictionary<string, string> { ["mask"] = "false" });
        Assert.Contains("Masquer ce document", await unmasked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertOtherSeesPhotoAsync(other, w, visible: true);

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT action, outcome FROM audit.records WHERE actor_user_id = @u AND action IN ('mask', 'unmask') ORDER BY seq", connection);
        command.Parameters.AddWithValue("u", w.Author.UserId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0) + ":" + reader.GetString(1));
        }

        Assert.Equal(["mask:Allowed", "unmask:Allowed"], rows);
    }

    [Fact]
    public async Task A_physician_who_is_not_the_author_cannot_mask_and_gets_the_neutral_answer()
    {
        var w = await MaskingWorld.CreateAsync(factory, 13, new DateOnly(1971, 4, 15));
        var other = factory.CreateClient().As(w.Other);
        // Dr Autre's own document gives the form (and its token); aimed at Dr Auteur's photo it is refused.
        Assert.Contains("id=\"mask-own\"", await other.GetStringAsync(w.Page(w.OthersLab)), StringComparison.Ordinal);
        var attempt = await MaskingWorld.PostFormAsync(other, w.Page(w.OthersLab), w.Page(w.Photo) + "?handler=Mask", new Dictionary<string, string> { ["mask"] = "true" });
        var neutral = await other.GetAsync(w.Page(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.NotFound, attempt.StatusCode);
        Assert.Equal(MaskingWorld.MainContent(await neutral.Content.ReadAsStringAsync()), MaskingWorld.MainContent(await attempt.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().As(w.Author).GetAsync(w.Page(w.Photo))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(w.Page(w.Photo))).StatusCode);
    }

    [Fact]
    public async Task An_intact_heic_photo_opens_as_a_download_card_with_the_reason()
    {
        var w = await MaskingWorld.CreateAsync(factory, 15, new DateOnly(1972, 5, 16));
        var other = factory.CreateClient().As(w.Other);
        var html = await other.GetStringAsync(w.Page(w.Heic));
        Assert.Contains("cannot-display", html, StringComparison.Ordinal);
        Assert.Contains("téléchargez l&#x27;original", html, StringComparison.Ordinal);
        Assert.Contains(w.Page(w.Heic) + "/download", html, StringComparison.Ordinal);
        var download = await other.GetByteArrayAsync(w.Page(w.Heic) + "/download");
        Assert.Equal(await File.ReadAllBytesAsync(Corpus.File("photos/heic_photo_pug.heic")), download);
        // It stays out of the before/after comparison, which only offers photos this server displays: the JPEG alone
        // is too few to compare.
        var compare = await other.GetStringAsync($"/patients/{w.Patient}/photos/compare");
        Assert.Contains("id=\"compare-too-few\"", compare, StringComparison.Ordinal);
        Assert.DoesNotContain(w.Heic.ToString(), compare, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dicom_document_opens_with_its_study_lookup_and_author_column_read_together()
    {
        var w = await MaskingWorld.CreateAsync(factory, 17, new DateOnly(1976, 9, 20));
        Guid ct;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var ingestor = scope.ServiceProvider.GetRequiredService<DocumentIngestor>();
            var metadata = new IngestMetadata { SourceId = "ct", PatientId = w.Patient, FileName = "ct.dcm", AuthorInami = MaskingWorld.AuthorInami };
            ct = (await ingestor.IngestAsync("masking-ct", metadata, await File.ReadAllBytesAsync(Corpus.File("dicom/ct_explicit_le_16bit_signed_small.dcm")), default)).DocumentId!.Value;
        }

        // The page reads the study's series (document columns plus a count) through the guard.
        var response = await factory.CreateClient().As(w.Author).GetAsync(w.Page(ct));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"mask-own\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal static async Task AssertOtherSeesPhotoAsync(HttpClient other, MaskingWorld w, bool visible)
    {
        var expected = visible ? HttpStatusCode.OK : HttpStatusCode.NotFound;
        var timeline = await other.GetStringAsync($"/patients/{w.Patient}");
        var search = await other.GetStringAsync($"/patients/{w.Patient}?q=hopper");
        Assert.Equal(visible, timeline.Contains(w.Photo.ToString(), StringComparison.Ordinal));
        Assert.Equal(visible, search.Contains(w.Photo.ToString(), StringComparison.Ordinal));
        // Report, photo, lab and HEIC are visible; the embargoed document is never counted.
        Assert.Contains(visible ? "Tous les types (4)" : "Tous les types (3)", timeline, StringComparison.Ordinal);
        foreach (var suffix in new[] { "", "/thumbnail", "/download", "/render/view" })
        {
            Assert.Equal(expected, (await other.GetAsync(w.Page(w.Photo) + suffix)).StatusCode);
        }
    }
}
