using System.Net;
using HapModular.Modules.Shared.Storage;
using HapModular.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Tests.Matrix;

/// <summary>The content hash checked on read, on the imaging routes: damaged content is an error, never a picture.</summary>
public sealed partial class ConsentMatrixTests
{
    /// <summary>
    /// A file damaged in the store — here one pixel byte, which still parses and renders — is never served as a frame,
    /// not even the second time (nothing of it kept), while its neighbour renders: the content hash is checked on read.
    /// </summary>
    [Fact]
    public async Task A_frame_of_a_damaged_file_is_never_served()
    {
        var template = new SyntheticDicom.Slice(SyntheticDicom.NewUid(), SyntheticDicom.NewUid(), string.Empty, 1, PatientId: "HAP-DAMAGE", Size: 32);
        var slices = SyntheticDicom.Series(2, template);
        var files = slices.Select(SyntheticDicom.Write).ToList();
        for (var i = 0; i < slices.Count; i++)
        {
            await IngestBytesAsync(W.A.Id, files[i], $"damage-{template.StudyUid}-{i}", null, null);
        }

        var store = (FileSystemBlobStore)factory.Services.GetRequiredService<IBlobStore>();
        var damaged = files[0].ToArray();
        damaged[^7] ^= 0x40;
        await File.WriteAllBytesAsync(store.PathOf(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(files[0]))), damaged);

        var client = W.Client(factory, W.Linked);
        var series = $"/dicomweb/studies/{template.StudyUid}/series/{template.SeriesUid}/instances";
        foreach (var suffix in new[] { "/frames/1/rendered", "/frames/1/rendered", "/frames/1", "/thumbnail" })
        {
            using var refused = await client.GetAsync(new Uri($"{series}/{slices[0].SopUid}{suffix}", UriKind.Relative));
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        }

        using var served = await client.GetAsync(new Uri($"{series}/{slices[1].SopUid}/frames/1/rendered", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);
    }
}
