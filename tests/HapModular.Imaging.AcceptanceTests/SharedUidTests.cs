using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HapModular.Imaging.Testing;
using HapModular.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Imaging.AcceptanceTests;

/// <summary>
/// UIDs that are not as unique as the standard wants, as real archives have them. A Study Instance UID two records
/// share (a modality's UID root reused, a study split between two patients) and an instance the hospital sent twice in
/// two encodings (the corpus' MR: one SOP Instance UID in seven transfer syntaxes). The workspace, under one patient's
/// banner, must show that patient's images only, and one image once: it showed another patient's series and counts,
/// and "Image 1/6" for six copies of one image whose second to sixth slots described pixels the portal never sent.
/// </summary>
[Collection(ImagingPortalCollection.Name)]
public sealed class SharedUidTests(ImagingPortal portal)
{
    [Fact]
    public async Task A_study_uid_two_records_share_shows_each_patient_only_their_own_series_on_their_base()
    {
        var jean = await PatientAsync("Lambert Jean");
        var chloe = await PatientAsync("Lefèvre Chloé");
        var uid = SyntheticDicom.NewUid();
        var ofJean = await portal.IngestStudyAsync(jean, 3, "CT", "20260301", studyUid: uid);
        var ofChloe = await portal.IngestStudyAsync(chloe, 2, "MR", "20260301", studyUid: uid);
        using var http = await ClientAsync();

        // The standard base answers the UID with every record the physician may see: both series.
        var both = await JsonAsync(http, $"/dicomweb/studies/{uid}/series");
        Assert.Equal(2, both.GetArrayLength());

        // And as one study: each record counted in the database, the two counts and modalities put together on one line.
        var study = Assert.Single((await JsonAsync(http, $"/dicomweb/studies?StudyInstanceUID={uid}")).EnumerateArray());
        Assert.Equal(2, study.GetProperty("00201206").GetProperty("Value")[0].GetInt32());
        Assert.Equal(5, study.GetProperty("00201208").GetProperty("Value")[0].GetInt32());
        Assert.Equal(["CT", "MR"], study.GetProperty("00080061").GetProperty("Value").EnumerateArray().Select(m => m.GetString()));

        // Each patient's base: their own series, with their own count.
        var jeans = await JsonAsync(http, $"/patients/{jean}/dicomweb/studies/{uid}/series");
        Assert.Equal(ofJean.SeriesUid, Assert.Single(jeans.EnumerateArray()).GetProperty("0020000E").GetProperty("Value")[0].GetString());
        Assert.Equal(3, jeans[0].GetProperty("00201209").GetProperty("Value")[0].GetInt32());
        var chloes = await JsonAsync(http, $"/patients/{chloe}/dicomweb/studies/{uid}/series");
        Assert.Equal(ofChloe.SeriesUid, Assert.Single(chloes.EnumerateArray()).GetProperty("0020000E").GetProperty("Value")[0].GetString());
        Assert.Equal(2, chloes[0].GetProperty("00201209").GetProperty("Value")[0].GetInt32());

        // Jean's series and frames named under Chloé's base: nothing, like an unknown UID.
        var jeanSop = ofJean.Files.Keys.First();
        foreach (var url in new[] { $"/patients/{chloe}/dicomweb/studies/{uid}/series/{ofJean.SeriesUid}/metadata", $"/patients/{chloe}/dicomweb/studies/{uid}/series/{ofJean.SeriesUid}/instances/{jeanSop}/frames/1" })
        {
            using var refused = await http.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Empty(await refused.Content.ReadAsByteArrayAsync());
        }

        // Chloé's study metadata on her base: her two instances only.
        var metadata = await JsonAsync(http, $"/patients/{chloe}/dicomweb/studies/{uid}/metadata");
        Assert.Equal(ofChloe.Files.Keys.Order(StringComparer.Ordinal), metadata.EnumerateArray().Select(m => m.GetProperty("00080018").GetProperty("Value")[0].GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_instance_sent_again_in_another_encoding_is_one_image_and_its_metadata_describes_the_frame_served()
    {
        var jean = await PatientAsync("Lambert Jean");
        var first = await portal.IngestCorpusAsync(jean, "dicom/mr_explicit_le_16bit_signed.dcm");
        var again = await portal.IngestCorpusAsync(jean, "dicom/mr_jpegls_lossless_16bit_signed.dcm");
        var sop = Assert.Single(first.Files.Keys);
        Assert.Equal(sop, Assert.Single(again.Files.Keys));
        using var http = await ClientAsync();
        var web = $"/patients/{jean}/dicomweb/studies/{first.StudyUid}";

        var series = await JsonAsync(http, $"{web}/series");
        Assert.Equal(1, Assert.Single(series.EnumerateArray()).GetProperty("00201209").GetProperty("Value")[0].GetInt32());
        Assert.Single((await JsonAsync(http, $"{web}/instances")).EnumerateArray());
        var metadata = Assert.Single((await JsonAsync(http, $"{web}/series/{first.SeriesUid}/metadata")).EnumerateArray());

        // The one kept is the first sent, and the frame the viewer pulls is that document's, in its stored syntax.
        var syntax = metadata.GetProperty("00020010").GetProperty("Value")[0].GetString();
        Assert.Equal("1.2.840.10008.1.2.1", syntax);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{web}/series/{first.SeriesUid}/instances/{sop}/frames/1");
        request.Headers.TryAddWithoutValidation("Accept", "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*");
        using var frame = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, frame.StatusCode);
        var part = Assert.Single(await Multipart.ReadAsync(frame));
        Assert.Contains("transfer-syntax=" + syntax, part.ContentType, StringComparison.Ordinal);
        Assert.Equal(64 * 64 * 2, part.Body.Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_url_the_server_writes_is_on_the_base_asked_through_and_answers_there(bool patientBase)
    {
        // A client on a patient's base that followed a standard-base URL left that patient's scope (a shared Study UID then
        // answers with other records), and the workspace, matching bulk frames by their location, found none (#16).
        // The corpus MR holds every kind of bulk data: Pixel Data, an overlay, a private OB and an icon's Pixel Data.
        var jean = await PatientAsync("Lambert Jean");
        var study = await portal.IngestCorpusAsync(jean, "dicom/mr_overlay_icon_two_windows.dcm");
        var sop = Assert.Single(study.Files.Keys);
        using var http = await ClientAsync();
        var web = patientBase ? $"/patients/{jean}/dicomweb" : "/dicomweb";
        var instance = $"{web}/studies/{study.StudyUid}/series/{study.SeriesUid}/instances/{sop}";

        // QIDO: each level's RetrieveURL.
        var retrieve = new List<string>();
        foreach (var search in new[] { $"{web}/studies?StudyInstanceUID={study.StudyUid}", $"{web}/studies/{study.StudyUid}/series", $"{web}/studies/{study.StudyUid}/instances" })
        {
            retrieve.AddRange((await JsonAsync(http, search)).EnumerateArray().Select(r => r.GetProperty("00081190").GetProperty("Value")[0].GetString()!));
        }

        Assert.Contains($"{web}/studies/{study.StudyUid}", retrieve);
        Assert.Contains($"{web}/studies/{study.StudyUid}/series/{study.SeriesUid}", retrieve);
        Assert.Contains(instance, retrieve);

        // Metadata: every BulkDataURI, nested ones included.
        var bulk = BulkDataUris(await JsonAsync(http, $"{web}/studies/{study.StudyUid}/metadata")).ToList();
        Assert.Equal(
            new[] { "00291110", "00880200/0/7fe00010", "60003000", "7fe00010" }.Select(p => $"{instance}/bulkdata/{p}"),
            bulk.Order(StringComparer.Ordinal));

        // Multipart: the study's instances, the instance's frames, each bulk data answer — every part's Content-Location.
        var located = new List<string>();
        foreach (var url in new[] { $"{web}/studies/{study.StudyUid}", $"{instance}/frames/1" }.Concat(bulk))
        {
            using var response = await GetAsync(http, url, url.Contains("/frames/", StringComparison.Ordinal) || url.Contains("/bulkdata/", StringComparison.Ordinal));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            located.AddRange(Locations(await response.Content.ReadAsByteArrayAsync()));
        }

        Assert.Contains(instance, located);
        Assert.Contains($"{instance}/frames/1", located);
        Assert.Superset(bulk.Where(b => !b.EndsWith("/bulkdata/7fe00010", StringComparison.Ordinal)).ToHashSet(), located.ToHashSet());

        // Every one of them on the base asked through, and each answers there.
        var all = retrieve.Concat(bulk).Concat(located).Distinct().ToList();
        Assert.All(all, url => Assert.StartsWith(web + "/studies/", url, StringComparison.Ordinal));
        foreach (var url in all)
        {
            using var response = await GetAsync(http, url, url.Contains("/frames/", StringComparison.Ordinal) || url.Contains("/bulkdata/", StringComparison.Ordinal));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        }

        // The bulk data are the elements' values (lengths as dcmdump gives them); Pixel Data is the frame.
        async Task<int> LengthAsync(string path)
        {
            using var response = await GetAsync(http, $"{instance}/bulkdata/{path}", true);
            return Assert.Single(await Multipart.ReadAsync(response)).Body.Length;
        }

        Assert.Equal(5342, await LengthAsync("00291110"));
        Assert.Equal(4096, await LengthAsync("00880200/0/7fe00010"));
        Assert.Equal(18150, await LengthAsync("60003000"));
        Assert.Equal(300 * 484 * 2, await LengthAsync("7fe00010"));
    }

    private static IEnumerable<string> BulkDataUris(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            return e.EnumerateArray().SelectMany(BulkDataUris);
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return e.EnumerateObject().SelectMany(p => p.Name == "BulkDataURI" ? [p.Value.GetString()!] : BulkDataUris(p.Value));
    }

    private static IEnumerable<string> Locations(byte[] multipart) =>
        System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(multipart), "\r\nContent-Location: ([^\r\n]+)").Select(m => m.Groups[1].Value);

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string url, bool octets)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (octets)
        {
            request.Headers.TryAddWithoutValidation("Accept", "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*");
        }

        return await http.SendAsync(request);
    }

    private async Task<Guid> PatientAsync(string name)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<MediatR.IMediator>();
        return (await mediator.Send(new Modules.Records.Contracts.SearchPatients(name))).Single().PatientId;
    }

    private async Task<HttpClient> ClientAsync()
    {
        var http = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await portal.DupontTokenAsync());
        return http;
    }

    private static async Task<JsonElement> JsonAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
