using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Demo;
using HapModular.Modules.Records.Ingestion;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Tests;

/// <summary>
/// Findings (issue 13): a 291 KB 9999 × 9999 PNG was accepted (and each render decoded 400 MB); a 486 KB deflated
/// DICOM was refused only after inflating ~486 MB; truncated DICOM and PDF were stored (201) although the SDK contract
/// says truncated content is refused. Each bomb must now be refused (422) while the process allocates less than
/// 200 MB for it (measured: every byte the process allocated during the ingestion, all threads).
/// </summary>
public sealed class BoundedIngestionTests(HapAppFactory factory, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<HapAppFactory>
{
    private const long Budget = 200L * 1024 * 1024;
    private static readonly string Niss = DemoNiss.For(new DateOnly(1961, 6, 1), 63);

    [Fact]
    public async Task A_9999_by_9999_png_is_refused_before_it_is_decoded()
    {
        var bomb = Bombs.Png(9999, 9999);
        Assert.True(bomb.Length < 500_000, $"{bomb.Length} bytes");

        var (outcome, allocated) = await IngestAsync("huge.png", bomb);

        Assert.Equal(422, outcome.Status);
        Assert.Contains("megapixels", outcome.Reason, StringComparison.Ordinal);
        Assert.True(allocated < Budget, $"{allocated / (1024 * 1024)} MB allocated to refuse it");
    }

    [Fact]
    public async Task A_deflated_dicom_that_inflates_to_300_MB_is_refused_by_a_bounded_inflate()
    {
        var bomb = Bombs.DeflatedDicom(300 * 1024 * 1024);
        Assert.True(bomb.Length < 500_000, $"{bomb.Length} bytes");

        var (outcome, allocated) = await IngestAsync("bomb.dcm", bomb);

        Assert.Equal(422, outcome.Status);
        Assert.Contains("inflates beyond", outcome.Reason, StringComparison.Ordinal);
        Assert.True(allocated < Budget, $"{allocated / (1024 * 1024)} MB allocated to refuse it");
    }

    [Fact]
    public async Task The_corpus_deflated_dicom_is_still_accepted()
    {
        var (outcome, _) = await IngestAsync("deflated.dcm", await File.ReadAllBytesAsync(Corpus.File("dicom/sc_deflated_explicit_le_8bit.dcm")));
        Assert.True(outcome.Accepted, outcome.Reason);
    }

    [Theory]
    [InlineData("dicom/malformed_truncated_pixel_data.dcm", "truncated")]
    [InlineData("documents/pdf/discharge_summary_sample.pdf", "truncated")]
    public async Task Truncated_dicom_and_pdf_are_refused(string file, string reason)
    {
        var bytes = await File.ReadAllBytesAsync(Corpus.File(file));
        // The corpus DICOM is already cut; the PDF is cut here at two thirds (a broken download).
        var cut = file.EndsWith(".pdf", StringComparison.Ordinal) ? bytes[..(bytes.Length * 2 / 3)] : bytes;

        var (outcome, _) = await IngestAsync(Path.GetFileName(file), cut);

        Assert.Equal(422, outcome.Status);
        Assert.Contains(reason, outcome.Reason, StringComparison.Ordinal);
    }

    private async Task<(IngestOutcome Outcome, long Allocated)> IngestAsync(string fileName, byte[] content)
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var patientId = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new RegisterPatient(Niss, "Léa", "Bombe", new DateOnly(1961, 6, 1), "F", "fr", ["Rue 3"], null, false));
        var ingestor = scope.ServiceProvider.GetRequiredService<DocumentIngestor>();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var outcome = await ingestor.IngestAsync("bombs", new IngestMetadata { SourceId = Guid.NewGuid().ToString("N"), PatientId = patientId, FileName = fileName }, content, default);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        output.WriteLine($"{fileName}: {content.Length} bytes in, status {outcome.Status}, {allocated / (1024.0 * 1024):0.0} MB allocated by the process meanwhile");
        return (outcome, allocated);
    }
}
