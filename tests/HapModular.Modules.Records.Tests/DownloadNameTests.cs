using HapModular.Modules.Records.Ingestion;
using HapModular.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Tests;

/// <summary>
/// Finding (issue 13): a right-to-left override (U+202E) in a file name was kept in the download's name, so
/// "bilan‮fdp.exe" is shown by the browser as "bilanexe.pdf".
/// </summary>
public sealed class DownloadNameTests(GuardFactory factory) : IClassFixture<GuardFactory>
{
    [Fact]
    public async Task Bidirectional_and_control_characters_are_removed_from_the_download_name()
    {
        var w = await GuardWorld.CreateAsync(factory, nameof(DownloadNameTests));
        Guid documentId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<DocumentIngestor>().IngestAsync(
                "rtl", new IngestMetadata { SourceId = "rtl-1", PatientId = w.PatientA, FileName = "bilan\u202Efdp.exe" },
                await File.ReadAllBytesAsync(Corpus.File("documents/pdf/lab_report_labcorp_sample_multiple_reference_ranges.pdf")), default);
            Assert.True(outcome.Accepted, outcome.Reason);
            documentId = outcome.DocumentId!.Value;
        }

        using var response = await factory.CreateClient().As(w.Linked).GetAsync($"/patients/{w.PatientA}/documents/{documentId}/download");

        response.EnsureSuccessStatusCode();
        var disposition = response.Content.Headers.ContentDisposition!;
        var name = disposition.FileNameStar ?? disposition.FileName!.Trim('"');
        Assert.Equal("bilanfdp.exe", name);
        Assert.DoesNotContain('\u202E', disposition.ToString());
    }
}
