using System.Net;
using System.Text.Json;

using HapModular.Imaging.Testing;

namespace HapModular.Imaging.AcceptanceTests;

/// <summary>
/// Issue 16's acceptance by a real DICOMweb client written by others: Orthanc, configured with the portal as a DICOMweb
/// server and Dr Dupont's personal access token, lists his patient's study (QIDO-RS) and retrieves it (WADO-RS) into its
/// own store byte for byte as the hospital ingested it; a study of a patient he has no link with stays out of reach.
/// </summary>
[Collection(ImagingPortalCollection.Name)]
public sealed class OrthancClientTests(ImagingPortal portal)
{
    [Fact]
    public async Task Orthanc_lists_and_retrieves_the_linked_study_byte_for_byte_and_gets_nothing_of_the_other()
    {
        var token = await portal.DupontTokenAsync();
        await using var orthanc = await Orthanc.StartAsync(new Dictionary<string, (string, string)> { ["portal"] = (portal.BaseUrl + "/dicomweb/", token) });

        // QIDO-RS through Orthanc's client.
        var (status, body) = await orthanc.PostAsync("/dicom-web/servers/portal/get", new { Uri = "/studies" });
        Assert.True(status == HttpStatusCode.OK, body);
        var studies = JsonDocument.Parse(body).RootElement.EnumerateArray().Select(s => s.GetProperty("0020000D").GetProperty("Value")[0].GetString()).ToList();
        Assert.Contains(portal.Linked.StudyUid, studies);
        Assert.DoesNotContain(portal.NotLinked.StudyUid, studies);
        var (_, series) = await orthanc.PostAsync("/dicom-web/servers/portal/get", new { Uri = $"/studies/{portal.Linked.StudyUid}/series" });
        Assert.Equal(5, JsonDocument.Parse(series).RootElement[0].GetProperty("00201209").GetProperty("Value")[0].GetInt32());

        // WADO-RS retrieve into Orthanc's own store, then compare every stored file with what was ingested.
        var (retrieved, job) = await orthanc.PostAsync("/dicom-web/servers/portal/retrieve", new { Resources = new[] { new { Study = portal.Linked.StudyUid } } });
        Assert.True(retrieved == HttpStatusCode.OK, job);
        var instances = JsonSerializer.Deserialize<List<string>>(await orthanc.Http.GetStringAsync(new Uri("/instances", UriKind.Relative)))!;
        Assert.Equal(portal.Linked.Files.Count, instances.Count);
        foreach (var id in instances)
        {
            var file = await orthanc.Http.GetByteArrayAsync(new Uri($"/instances/{id}/file", UriKind.Relative));
            var tags = JsonDocument.Parse(await orthanc.Http.GetStringAsync(new Uri($"/instances/{id}/simplified-tags", UriKind.Relative))).RootElement;
            var sop = tags.GetProperty("SOPInstanceUID").GetString()!;
            Assert.True(portal.Linked.Files.TryGetValue(sop, out var ingested), "Orthanc holds an instance the portal never had: " + sop);
            Assert.Equal(ingested, file);
        }

        // The study of a patient Dr Dupont has no link with: nothing to list, nothing retrieved.
        var (refusedStatus, refusedBody) = await orthanc.PostAsync("/dicom-web/servers/portal/get", new { Uri = "/studies", Arguments = new Dictionary<string, string> { ["StudyInstanceUID"] = portal.NotLinked.StudyUid } });
        Assert.True(refusedStatus == HttpStatusCode.OK, refusedBody);
        Assert.Equal(0, JsonDocument.Parse(refusedBody).RootElement.GetArrayLength());
        await orthanc.PostAsync("/dicom-web/servers/portal/retrieve", new { Resources = new[] { new { Study = portal.NotLinked.StudyUid } } });
        var after = JsonSerializer.Deserialize<List<string>>(await orthanc.Http.GetStringAsync(new Uri("/instances", UriKind.Relative)))!;
        Assert.Equal(instances.Count, after.Count);
    }
}
