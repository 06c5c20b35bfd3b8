using System.Net;
using System.Security.Cryptography;
using HapModular.Modules.Records.DicomWeb;
using HapModular.Modules.Shared.Storage;
using HapModular.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Tests.Matrix;

/// <summary>
/// The series read ahead (<see cref="SeriesReadAhead"/>): once a physician opens an image, the images around it in the
/// stack are read from the store before he asks — only those he may see, and a damaged one is never kept.
/// </summary>
public sealed partial class ConsentMatrixTests
{
    /// <summary>
    /// Opening the fourth image of 13 reads the eight after it and the two before it: their files can then leave the store
    /// and they are still served, from what was read ahead. The first and the last were not read.
    /// </summary>
    [Fact]
    public async Task The_images_around_the_one_a_physician_opens_are_read_before_he_asks()
    {
        var (template, slices, files) = await IngestSeriesOfAAsync(13, "ahead");
        var client = W.Client(factory, W.Linked);
        var instances = $"/dicomweb/studies/{template.StudyUid}/series/{template.SeriesUid}/instances";
        var recent = await OpenThenWaitForReadAheadAsync(client, instances, slices[3].SopUid);
        Assert.False(recent.IsAtHand(Sha256Of(files[0])));
        Assert.False(recent.IsAtHand(Sha256Of(files[12])));

        int[] around = [1, 2, 4, 5, 6, 7, 8, 9, 10, 11];
        foreach (var i in around)
        {
            File.Move(StorePathOf(files[i]), StorePathOf(files[i]) + ".aside");
        }

        try
        {
            using var reads = new ContentReads(factory.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
            foreach (var i in around)
            {
                using var image = await client.GetAsync(new Uri($"{instances}/{slices[i].SopUid}/frames/1/rendered", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, image.StatusCode);
                Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
            }

            // What the operations team sees (hap.dicom.content.reads): none of those requests read the store itself.
            Assert.Equal(around.Length, reads.Count("kept"));
            Assert.Equal(0, reads.Count("store"));
        }
        finally
        {
            foreach (var i in around)
            {
                File.Move(StorePathOf(files[i]) + ".aside", StorePathOf(files[i]));
            }
        }
    }

    /// <summary>An image masked at the patient's request is not read on the physician's behalf, not even into memory.</summary>
    [Fact]
    public async Task A_masked_image_of_the_series_is_not_read_ahead()
    {
        var template = new SyntheticDicom.Slice(SyntheticDicom.NewUid(), SyntheticDicom.NewUid(), string.Empty, 1, PatientId: "HAP-AHEADMASK", Size: 32);
        var slices = SyntheticDicom.Series(3, template);
        var files = slices.Select(SyntheticDicom.Write).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            await IngestBytesAsync(W.A.Id, files[i], $"aheadmask-{template.StudyUid}-{i}", i == 1 ? "patient" : null, null);
        }

        var instances = $"/dicomweb/studies/{template.StudyUid}/series/{template.SeriesUid}/instances";
        var recent = await OpenThenWaitForReadAheadAsync(W.Client(factory, W.Linked), instances, slices[0].SopUid);
        Assert.False(recent.IsAtHand(Sha256Of(files[1])));
        Assert.True(recent.IsAtHand(Sha256Of(files[2])));
    }

    /// <summary>A damaged file read ahead is not kept: asked for, it answers the damage, as if never read ahead.</summary>
    [Fact]
    public async Task A_damaged_image_read_ahead_is_never_served()
    {
        var (template, slices, files) = await IngestSeriesOfAAsync(3, "aheaddamage");
        await using (await DamagedInStoreAsync(files[1]))
        {
            var client = W.Client(factory, W.Linked);
            var instances = $"/dicomweb/studies/{template.StudyUid}/series/{template.SeriesUid}/instances";
            var recent = await OpenThenWaitForReadAheadAsync(client, instances, slices[0].SopUid);
            Assert.True(recent.IsAtHand(Sha256Of(files[2])));
            Assert.False(recent.IsAtHand(Sha256Of(files[1])));
            using var refused = await client.GetAsync(new Uri($"{instances}/{slices[1].SopUid}/frames/1/rendered", UriKind.Relative));
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
            Assert.Equal(ImagingHandlers.DamagedProblem, await refused.Content.ReadAsStringAsync());
        }
    }

    /// <summary>One image opened (served), then everything it started reading ahead done: the host's kept DICOM bytes.</summary>
    private async Task<RecentDicomContent> OpenThenWaitForReadAheadAsync(HttpClient client, string instances, string sop)
    {
        using (var opened = await client.GetAsync(new Uri($"{instances}/{sop}/frames/1/rendered", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        await factory.Services.GetRequiredService<SeriesReadAhead>().WhenIdleAsync();
        return factory.Services.GetRequiredService<RecentDicomContent>();
    }

    /// <summary>
    /// The stored file of <paramref name="file"/> with one byte near its end flipped (a pixel byte: it still parses and
    /// renders) until disposed, then put back whole: the patient's world is shared by the class's tests, in an order that
    /// depends on the checkout's path, so no other test meets it damaged.
    /// </summary>
    private async Task<IAsyncDisposable> DamagedInStoreAsync(byte[] file)
    {
        var damaged = file.ToArray();
        damaged[^7] ^= 0x40;
        await File.WriteAllBytesAsync(StorePathOf(file), damaged);
        return new PutBack(StorePathOf(file), file);
    }

    private string StorePathOf(byte[] file) => ((FileSystemBlobStore)factory.Services.GetRequiredService<IBlobStore>()).PathOf(Sha256Of(file));

    private static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private sealed class PutBack(string path, byte[] whole) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await File.WriteAllBytesAsync(path, whole);
    }
}
