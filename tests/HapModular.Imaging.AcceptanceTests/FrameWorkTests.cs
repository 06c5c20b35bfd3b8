using System.Net;
using System.Net.Http.Headers;
using HapModular.Imaging.Testing;
using HapModular.Testing;
using Xunit.Abstractions;

namespace HapModular.Imaging.AcceptanceTests;

/// <summary>
/// A viewer scrolling through a series asks for one frame per image, hundreds in a few seconds (#16: every image of a
/// 100-image series in the browser within 3 s). Within a retrieve burst (its audit record already written) a frame
/// takes the token check, the access decision and the document check — nothing else (it took six: the token and its
/// account apart, a look-up of the instance's patient per frame, and the instance's visible row read again after the
/// document check had read it). Counted in database round trips, not in time.
/// </summary>
[Collection(ImagingPortalCollection.Name)]
public sealed class FrameWorkTests(ImagingPortal portal, ITestOutputHelper output)
{
    [Fact]
    public async Task A_frame_within_a_retrieve_burst_takes_three_round_trips()
    {
        using var http = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await portal.DupontTokenAsync());
        var sops = portal.Linked.Files.Keys.Order(StringComparer.Ordinal).ToList();
        string Frame(string sop) => $"/dicomweb/studies/{portal.Linked.StudyUid}/series/{portal.Linked.SeriesUid}/instances/{sop}/frames/1";
        // The first frame opens the burst (its audit record); the next frames are the steady state a scrolling viewer sees.
        using (var first = await http.GetAsync(new Uri(Frame(sops[0]), UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var work = new RequestWork();
        using var request = new HttpRequestMessage(HttpMethod.Get, Frame(sops[^1]));
        var (response, commands) = await work.SendAsync(http, request);
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        }

        foreach (var command in commands)
        {
            output.WriteLine(command.ReplaceLineEndings(" "));
        }

        // The token with its account (one batch), the access decision, the instance's document check (whose row serves).
        Assert.Equal(3, commands.Count);
        Assert.Single(commands, c => c.Contains("mt_doc_personalaccesstoken", StringComparison.Ordinal) && c.Contains("mt_doc_account", StringComparison.Ordinal));
        Assert.Single(commands, c => c.Contains("consent.mt_doc_therapeuticlink", StringComparison.Ordinal));
        Assert.DoesNotContain(commands, c => c.Contains("records.dicom_instances", StringComparison.Ordinal));
    }
}
