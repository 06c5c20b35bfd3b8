using System.Net;
using System.Net.Http.Headers;
using HapModular.Imaging.Testing;
using HapModular.Testing;

namespace HapModular.Imaging.AcceptanceTests;

/// <summary>
/// WADO-RS bulk data (PS3.18 §8.7.4): a series asked with <c>type="application/octet-stream"</c> answers every frame of
/// its visible instances in one multipart answer — the workspace opens a series with one request instead of one per
/// frame (#16: every image of a 100-image series in the browser within 3 s) — the same bytes as the frames resource,
/// and the same neutral 404 for a physician without a link.
/// </summary>
[Collection(ImagingPortalCollection.Name)]
public sealed class BulkFramesTests(ImagingPortal portal)
{
    private const string Bulk = "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*";

    [Fact]
    public async Task A_series_asked_as_bulk_data_answers_each_frame_as_the_frames_resource_does()
    {
        using var http = await ClientAsync();
        var series = $"/dicomweb/studies/{portal.Linked.StudyUid}/series/{portal.Linked.SeriesUid}";
        using var response = await GetAsync(http, series);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("multipart/related; type=\"application/octet-stream\"", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var bulk = await Multipart.ReadAsync(response);

        var frames = new List<byte[]>();
        foreach (var sop in portal.Linked.Files.Keys)
        {
            using var frame = await GetAsync(http, $"{series}/instances/{sop}/frames/1");
            frames.Add(Assert.Single(await Multipart.ReadAsync(frame)).Body);
        }

        Assert.Equal(portal.Linked.Files.Count, bulk.Count);
        Assert.All(bulk, p => Assert.StartsWith("application/octet-stream; transfer-syntax=", p.ContentType, StringComparison.Ordinal));
        Assert.Equal(Sorted(frames), Sorted(bulk.Select(p => p.Body)));
    }

    [Fact]
    public async Task On_a_patients_base_each_bulk_frame_is_located_on_that_base_and_answers_there()
    {
        // The workspace matches the bulk answer's parts to the frame URLs it would ask, by their Content-Location.
        using var http = await ClientAsync();
        var web = $"/patients/{portal.Marie}/dicomweb";
        using var response = await GetAsync(http, $"{web}/studies/{portal.Linked.StudyUid}/series/{portal.Linked.SeriesUid}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await response.Content.LoadIntoBufferAsync();
        var text = System.Text.Encoding.Latin1.GetString(await response.Content.ReadAsByteArrayAsync());
        var locations = System.Text.RegularExpressions.Regex.Matches(text, "Content-Location: ([^\r\n]+)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(
            portal.Linked.Files.Keys.Select(sop => $"{web}/studies/{portal.Linked.StudyUid}/series/{portal.Linked.SeriesUid}/instances/{sop}/frames/1").Order(StringComparer.Ordinal),
            locations.Order(StringComparer.Ordinal));
        // Built on that base where the frames are read (not rewritten afterwards): each location answers that frame's bytes.
        var bulk = await Multipart.ReadAsync(response);
        var byLocation = new List<byte[]>();
        foreach (var location in locations)
        {
            using var frame = await GetAsync(http, location);
            Assert.Equal(HttpStatusCode.OK, frame.StatusCode);
            byLocation.Add(Assert.Single(await Multipart.ReadAsync(frame)).Body);
        }

        Assert.Equal(Sorted(bulk.Select(p => p.Body)), Sorted(byLocation));
    }

    [Fact]
    public async Task A_series_of_a_patient_without_a_link_gets_the_neutral_404_as_bulk_data_too()
    {
        using var http = await ClientAsync();
        using var response = await GetAsync(http, $"/dicomweb/studies/{portal.NotLinked.StudyUid}/series/{portal.NotLinked.SeriesUid}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    private static IEnumerable<string> Sorted(IEnumerable<byte[]> parts) => parts.Select(Convert.ToBase64String).Order(StringComparer.Ordinal);

    private async Task<HttpClient> ClientAsync()
    {
        var http = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await portal.DupontTokenAsync());
        return http;
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", Bulk);
        return await http.SendAsync(request);
    }
}
