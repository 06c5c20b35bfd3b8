using System.Net;
using HapModular.Testing;

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
        var (template, slices, files) = await IngestSeriesOfAAsync(2, "damage");
        await using (await DamagedInStoreAsync(files[0]))
        {
            var client = W.Client(factory, W.Linked);
            var series = $"/dicomweb/studies/{template.StudyUid}/series/{template.SeriesUid}/instances";
            foreach (var suffix in new[] { "/frames/1/rendered", "/frames/1/rendered", "/frames/1", "/thumbnail" })
            {
                using var refused = await client.GetAsync(new Uri($"{series}/{slices[0].SopUid}{suffix}", UriKind.Relative));
                Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
                Assert.Equal(DicomWeb.ImagingHandlers.DamagedProblem, await refused.Content.ReadAsStringAsync());
            }

            // The workspace opened on that series (its first image is the damaged one, which the page inlines when it can)
            // still opens: the banner, the study, and no picture of the damaged file.
            using var page = await client.GetAsync(new Uri($"/patients/{W.A.Id}/imaging?study={template.StudyUid}&series={template.SeriesUid}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            AssertBanner(html, "imaging");
            Assert.Contains(template.StudyUid, html, StringComparison.Ordinal);
            Assert.DoesNotContain("data:image/png;base64,", html, StringComparison.Ordinal);

            using var served = await client.GetAsync(new Uri($"{series}/{slices[1].SopUid}/frames/1/rendered", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/jpeg", served.Content.Headers.ContentType?.MediaType);

            // The series' thumbnail (its first image is the damaged one) is its first image that reads: the neighbour's.
            var seriesBase = $"/dicomweb/studies/{template.StudyUid}/series/{template.SeriesUid}";
            using var represented = await client.GetAsync(new Uri(seriesBase + "/thumbnail", UriKind.Relative));
            using var neighbour = await client.GetAsync(new Uri($"{series}/{slices[1].SopUid}/thumbnail", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, represented.StatusCode);
            Assert.Equal(await neighbour.Content.ReadAsByteArrayAsync(), await represented.Content.ReadAsByteArrayAsync());
            // The series' frames in one answer (what the workspace asks first): the neighbour's frame, and not the damaged
            // one's — the answer is not cut short at the damaged file, whose frame the viewer then asks alone (the error above).
            const string Bulk = "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*";
            using var bulkRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(seriesBase, UriKind.Relative));
            bulkRequest.Headers.TryAddWithoutValidation("Accept", Bulk);
            using var bulk = await client.SendAsync(bulkRequest);
            using var frameRequest = new HttpRequestMessage(HttpMethod.Get, new Uri($"{series}/{slices[1].SopUid}/frames/1", UriKind.Relative));
            frameRequest.Headers.TryAddWithoutValidation("Accept", Bulk);
            using var frame = await client.SendAsync(frameRequest);
            var bulkParts = await Multipart.ReadAsync(bulk);
            Assert.Equal((await Multipart.ReadAsync(frame)).Single().Body, Assert.Single(bulkParts).Body);

            // The whole series rendered is never silently one image short.
            using var whole = await client.GetAsync(new Uri(seriesBase + "/rendered", UriKind.Relative));
            Assert.Equal(HttpStatusCode.InternalServerError, whole.StatusCode);
        }
    }
}
