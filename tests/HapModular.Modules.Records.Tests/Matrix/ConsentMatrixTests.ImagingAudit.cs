using System.Net;
using Npgsql;

namespace HapModular.Modules.Records.Tests.Matrix;

/// <summary>
/// Imaging audit at the standards' granularity: a physician who opens a study and pulls frames, renderings, thumbnails
/// and metadata gets one "study opened" record and, when the burst's window (5 minutes, on the host's clock) ends, one
/// retrieve record with the number of images — never one per frame — and the patient's report says it in words.
/// </summary>
public sealed partial class ConsentMatrixTests
{
    [Fact]
    public async Task A_study_opened_and_its_frames_are_audited_once_then_once_per_burst_with_the_image_count()
    {
        var template = new Testing.SyntheticDicom.Slice(Testing.SyntheticDicom.NewUid(), Testing.SyntheticDicom.NewUid(), string.Empty, 1, PatientId: "HAP-BURST", Size: 32);
        var slices = Testing.SyntheticDicom.Series(3, template);
        for (var i = 0; i < slices.Count; i++)
        {
            await IngestBytesAsync(W.A.Id, Testing.SyntheticDicom.Write(slices[i]), $"burst-{template.StudyUid}-{i}", null, null);
        }

        var client = W.Client(factory, W.Linked);
        var series = $"/dicomweb/studies/{template.StudyUid}/series/{template.SeriesUid}";
        for (var round = 0; round < 4; round++)
        {
            foreach (var url in new[] { series + "/metadata", series + "/thumbnail", $"{series}/instances/{slices[0].SopUid}/frames/1", $"{series}/instances/{slices[1].SopUid}/frames/1/rendered" })
            {
                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        Assert.Equal(["imaging-open"], await ActionsAsync(template.StudyUid));

        factory.Time.Advance(TimeSpan.FromMinutes(6));
        for (var i = 0; i < 200 && (await ActionsAsync(template.StudyUid)).Count < 2; i++)
        {
            await Task.Delay(50); // the sealer runs on the host's (fake) clock; wait for its write, bounded
        }

        Assert.Equal(["imaging-open", "imaging-retrieve"], await ActionsAsync(template.StudyUid));
        var report = await W.Client(factory, W.Desk).GetStringAsync(new Uri($"/desk/access-report/{W.A.Id}", UriKind.Relative));
        Assert.Contains("imagerie : scanner du 22/09/2026 (2 images)", System.Net.WebUtility.HtmlDecode(report), StringComparison.Ordinal);
    }

    private async Task<List<string>> ActionsAsync(string studyUid)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT action FROM audit.records WHERE actor_user_id = $1 AND reason LIKE '%' || $2 || '%' ORDER BY seq", connection);
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
}
