using System.Net;
using Npgsql;

namespace HapModular.Modules.Records.Tests.Matrix;

/// <summary>
/// Imaging audit at the standards' granularity, through the shared guard: a physician who opens a study and pulls
/// metadata, thumbnails, frames and renderings gets ONE record (written before the first image is served); after the
/// burst window (5 minutes on the host's clock) the next retrieve writes one more; refusals are recorded one by one;
/// the patient's access report says it in words, one line per burst.
/// </summary>
public sealed partial class ConsentMatrixTests
{
    [Fact]
    public async Task A_study_opened_and_its_frames_are_audited_once_per_burst_with_the_image_count()
    {
        var (template, slices, _) = await IngestSeriesOfAAsync(3, "burst");

        var client = W.Client(factory, W.Linked);
        var series = $"/dicomweb/studies/{template.StudyUid}/series/{template.SeriesUid}";
        var urls = new[] { series + "/metadata", series + "/thumbnail", $"{series}/instances/{slices[0].SopUid}/frames/1", $"{series}/instances/{slices[1].SopUid}/frames/1/rendered", $"{series}/instances/{slices[2].SopUid}/thumbnail" };
        using (var page = await client.GetAsync(new Uri($"/patients/{W.A.Id}/imaging?study={template.StudyUid}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        for (var round = 0; round < 4; round++)
        {
            foreach (var url in urls)
            {
                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        Assert.Equal(["imaging-open"], await ImagingActionsAsync(template.StudyUid));

        // Still inside the window: nothing more.
        factory.Time.Advance(TimeSpan.FromMinutes(4));
        using (var more = await client.GetAsync(new Uri(urls[2], UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, more.StatusCode);
        }

        Assert.Equal(["imaging-open"], await ImagingActionsAsync(template.StudyUid));
        // Past it: scrolling on (a frame first) is a retrieve burst; metadata asked again later would be an "open".
        factory.Time.Advance(TimeSpan.FromMinutes(2));
        foreach (var url in urls.Skip(2).Concat(urls.Take(2)))
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(["imaging-open", "imaging-retrieve"], await ImagingActionsAsync(template.StudyUid));

        // A physician without a link: every refused request keeps its own record.
        var refusedBefore = await DeniedCountAsync(W.NoLink.UserId);
        foreach (var url in urls)
        {
            using var refused = await W.Client(factory, W.NoLink).GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        Assert.Equal(refusedBefore + urls.Length, await DeniedCountAsync(W.NoLink.UserId));

        var report = WebUtility.HtmlDecode(await W.Client(factory, W.Desk).GetStringAsync(new Uri($"/desk/access-report/{W.A.Id}", UriKind.Relative)));
        Assert.Equal(2, report.Split("imagerie : scanner du 22/09/2026 (3 images)").Length - 1);
        Assert.DoesNotContain(template.StudyUid, report, StringComparison.Ordinal);
    }

    private async Task<List<string>> ImagingActionsAsync(string studyUid)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT action FROM audit.records WHERE actor_user_id = $1 AND outcome = 'Allowed' AND document_title LIKE '%|' || $2 ORDER BY seq", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = W.Linked.UserId });
        command.Parameters.Add(new NpgsqlParameter { Value = studyUid });
        var actions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            actions.Add(reader.GetString(0));
        }

        return actions;
    }

    private async Task<long> DeniedCountAsync(Guid user)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM audit.records WHERE actor_user_id = $1 AND outcome = 'Denied'", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
