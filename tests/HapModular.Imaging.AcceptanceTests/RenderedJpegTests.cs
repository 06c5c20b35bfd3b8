using System.Net;
using System.Net.Http.Headers;
using HapModular.Imaging.Testing;
using HapModular.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HapModular.Imaging.AcceptanceTests;

/// <summary>
/// The rendered resources in JPEG (PS3.18 §8.3.5: the default, or <c>accept=image/jpeg</c> or the Accept header,
/// with <c>quality</c>), as a desktop viewer with Dr Dupont's personal access token asks for them: a real JPEG (decoded
/// here by ImageSharp) of the same picture as the PNG, smaller at a lower quality; a quality out of 1–100 is a 400,
/// a type the server cannot make a 406.
/// </summary>
[Collection(ImagingPortalCollection.Name)]
public sealed class RenderedJpegTests(ImagingPortal portal)
{
    [Fact]
    public async Task Rendered_frames_and_thumbnails_come_as_JPEG_of_the_same_picture_at_the_asked_quality()
    {
        using var http = await ClientAsync();
        var sop = portal.Linked.Files.Keys.Order(StringComparer.Ordinal).First();
        var instance = $"/dicomweb/studies/{portal.Linked.StudyUid}/series/{portal.Linked.SeriesUid}/instances/{sop}";

        var png = await GetAsync(http, instance + "/rendered?window=40,400", "image/png", "image/png");
        foreach (var (url, accept) in new[]
        {
            (instance + "/rendered?window=40,400", (string?)null),
            (instance + "/rendered?window=40,400&accept=image/jpeg&quality=95", (string?)null),
            (instance + "/frames/1/rendered?window=40,400&quality=95", "image/jpeg"),
            (instance + "/rendered?window=40,400&quality=95", "image/webp;q=1, image/jpeg;q=0.9, image/png;q=0.5"),
        })
        {
            var jpeg = await GetAsync(http, url, "image/jpeg", accept);
            Assert.Equal([0xFF, 0xD8], jpeg[..2]);
            var (mean, max) = Difference(png, jpeg);
            Assert.True(mean < 1.5 && max <= 24, $"{url}: the JPEG differs from the PNG by {mean:0.00} on average, {max} at most");
        }

        // Lower quality, fewer bytes, the same picture still (metamorphic: only the compression changed).
        var high = await GetAsync(http, instance + "/rendered?window=40,400&accept=image/jpeg&quality=95", "image/jpeg");
        var low = await GetAsync(http, instance + "/rendered?window=40,400&accept=image/jpeg&quality=20", "image/jpeg");
        Assert.True(low.Length < high.Length, $"quality 20: {low.Length} bytes, quality 95: {high.Length}");
        Assert.True(Difference(png, low).Mean < 8);

        var thumbnail = await GetAsync(http, instance + "/thumbnail?accept=image/jpeg", "image/jpeg");
        using (var image = Image.Load<L8>(thumbnail))
        {
            Assert.True(image.Width is > 0 and <= 256 && image.Height is > 0 and <= 256);
        }

        // A series rendered as JPEG: multipart/related of image/jpeg parts, one per instance.
        using var series = await http.GetAsync(new Uri($"/dicomweb/studies/{portal.Linked.StudyUid}/series/{portal.Linked.SeriesUid}/rendered?accept=image/jpeg", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, series.StatusCode);
        var parts = await Multipart.ReadAsync(series);
        Assert.Equal(portal.Linked.Files.Count, parts.Count);
        Assert.All(parts, p => Assert.Equal("image/jpeg", p.ContentType));
    }

    /// <summary>
    /// PS3.18 Table 8.7.4-1 and §8.7.8.1: image/jpeg is the Default of a single-frame image, answered when the client
    /// names no type the server makes (no Accept, a wildcard, a browser's image Accept); PNG only when named.
    /// </summary>
    [Theory]
    [InlineData(null, "", "image/jpeg")]
    [InlineData("*/*", "", "image/jpeg")]
    [InlineData("image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8", "", "image/jpeg")]
    [InlineData("image/png", "", "image/png")]
    [InlineData("image/jpeg;q=0.5, image/png;q=0.9", "", "image/png")]
    [InlineData("image/png, */*;q=0.1", "", "image/png")]
    [InlineData("*/*", "accept=image/png", "image/png")]
    [InlineData("image/png", "accept=image/jpeg", "image/jpeg")]
    public async Task A_rendered_frame_is_JPEG_unless_PNG_is_asked_by_name(string? accept, string query, string expected)
    {
        using var http = await ClientAsync();
        var sop = portal.Linked.Files.Keys.Order(StringComparer.Ordinal).First();
        var instance = $"/dicomweb/studies/{portal.Linked.StudyUid}/series/{portal.Linked.SeriesUid}/instances/{sop}";
        foreach (var url in new[] { instance + "/frames/1/rendered?" + query, instance + "/thumbnail?" + query })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
            if (accept is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept", accept);
            }
            else
            {
                request.Headers.Accept.Clear();
            }

            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(expected == "image/png" ? (byte)0x89 : (byte)0xFF, body[0]);
        }
    }

    [Theory]
    [InlineData("quality=0&accept=image/jpeg", HttpStatusCode.BadRequest)]
    [InlineData("quality=101&accept=image/jpeg", HttpStatusCode.BadRequest)]
    [InlineData("quality=high&accept=image/jpeg", HttpStatusCode.BadRequest)]
    [InlineData("accept=image/gif", HttpStatusCode.NotAcceptable)]
    [InlineData("accept=image/jpeg;q=0", HttpStatusCode.NotAcceptable)]
    public async Task A_quality_out_of_range_or_a_type_the_server_cannot_make_is_refused_clearly(string query, HttpStatusCode expected)
    {
        using var http = await ClientAsync();
        var sop = portal.Linked.Files.Keys.Order(StringComparer.Ordinal).First();
        using var response = await http.GetAsync(new Uri($"/dicomweb/studies/{portal.Linked.StudyUid}/series/{portal.Linked.SeriesUid}/instances/{sop}/rendered?{query}", UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
    }

    private async Task<HttpClient> ClientAsync()
    {
        var http = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await portal.DupontTokenAsync());
        return http;
    }

    private static async Task<byte[]> GetAsync(HttpClient http, string url, string expectedType, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        Assert.Equal(expectedType, response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    /// <summary>Mean and largest absolute difference between two greyscale pictures of the same size.</summary>
    private static (double Mean, int Max) Difference(byte[] a, byte[] b)
    {
        using var x = Image.Load<L8>(a);
        using var y = Image.Load<L8>(b);
        Assert.Equal((x.Width, x.Height), (y.Width, y.Height));
        long sum = 0;
        var max = 0;
        for (var row = 0; row < x.Height; row++)
        {
            for (var col = 0; col < x.Width; col++)
            {
                var d = Math.Abs(x[col, row].PackedValue - y[col, row].PackedValue);
                sum += d;
                max = Math.Max(max, d);
            }
        }

        return ((double)sum / (x.Width * x.Height), max);
    }
}
