using HapModular.Modules.Records.Ingestion;
using HapModular.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Tests;

/// <summary>
/// Finding (issue 13): the JavaScript of a PDF ran when <c>/render/pdf</c> was opened directly in a tab. The PDF is
/// shown inline only inside the document page's frame; opened any other way it is saved, never rendered.
/// </summary>
public sealed class PdfFrameOnlyTests(GuardFactory factory) : IClassFixture<GuardFactory>
{
    [Theory]
    [InlineData("iframe", false)]
    [InlineData("document", true)]
    [InlineData(null, true)]
    public async Task The_pdf_is_inline_only_in_the_document_page_frame(string? fetchDest, bool saved)
    {
        var w = await GuardWorld.CreateAsync(factory, nameof(PdfFrameOnlyTests) + fetchDest);
        Guid documentId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<DocumentIngestor>().IngestAsync(
                "pdf-js", new IngestMetadata { SourceId = "pdf-js-" + fetchDest, PatientId = w.PatientA, FileName = "bilan.pdf" },
                await File.ReadAllBytesAsync(Corpus.File("documents/pdf/lab_report_labcorp_sample_multiple_reference_ranges.pdf")), default);
            Assert.True(outcome.Accepted, outcome.Reason);
            documentId = outcome.DocumentId!.Value;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/patients/{w.PatientA}/documents/{documentId}/render/pdf");
        if (fetchDest is not null)
        {
            request.Headers.Add("Sec-Fetch-Dest", fetchDest);
        }

        using var response = await factory.CreateClient().As(w.Linked).SendAsync(request);

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(saved, response.Content.Headers.ContentDisposition?.DispositionType == "attachment");
        Assert.Contains("frame-ancestors 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
