using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HapModular.Testing;

namespace HapModular.ScaleOut.Tests;

/// <summary>The demo's other two physicians (public demo accounts, printed by build/run.sh).</summary>
internal static class DemoPhysicians
{
    public static readonly DemoAccount Peeters = new("dr.peeters@demo.hapmodular.be", "DTZWVWZD5YB2I6O5ACH5XK3AJU7Y3RP2");
    public static readonly DemoAccount Lambert = new("dr.lambert@demo.hapmodular.be", "KNY35JNDK6WZUKJ53VWNQH7OZR3Q3GZ4");
    public static readonly DemoAccount Admin = new("admin@demo.hapmodular.be", "IFV73DIFNYW3QBT4FAIANH7DFSIEC2P3");
    public static readonly DemoAccount Dpo = new("dpo@demo.hapmodular.be", "Z4OEVQC7FK74JHCV2N3VEFAKAOOPQF3T");
    public static readonly DemoAccount Desk = new("desk@demo.hapmodular.be", "PRZCQIUFKXDNBJME5GD7ALI7QV2NA3ND");
}

/// <summary>Filing and reading documents as the hospital's system and the physician do, and checking what was kept.</summary>
internal static class ScaleOutChecks
{
    /// <summary>Files a text report for the patient through <paramref name="baseUrl"/>; returns its id and content hash.</summary>
    public static async Task<AcceptedDocument> FileAsync(string baseUrl, string apiKey, Guid patientId, string title, string sourceId = "scale-out-reference")
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var content = Encoding.UTF8.GetBytes(title + "\nExamen clinique sans particularité.\n");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "content", "reference.txt");
        form.Add(new StringContent(JsonSerializer.Serialize(new { sourceId, patientId, title, kind = "report" })), "metadata");
        using var response = await client.PostAsync(new Uri("/api/ingest", UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        using var answer = JsonDocument.Parse(body);
        return new AcceptedDocument(answer.RootElement.GetProperty("documentId").GetGuid(), NginxTraffic.Hash(content), Stopwatch.GetTimestamp());
    }

    /// <summary>
    /// The data protection officer works on host B; the administrator deactivates her account on host A: her very next
    /// request on host B is no longer signed in. Returns the status of her page on host B before and after (200, then the redirect to the sign-in page).
    /// </summary>
    public static async Task<(HttpStatusCode Before, HttpStatusCode After)> DeactivationAcrossHostsAsync(string urlA, string urlB)
    {
        using var dpo = new PortalSession();
        using var admin = new PortalSession();
        await dpo.SignInAsync(urlB, DemoPhysicians.Dpo);
        await admin.SignInAsync(urlA, DemoPhysicians.Admin);
        using var before = await dpo.At(urlB).GetAsync(new Uri("/dpo/emergency", UriKind.Relative));
        var users = await admin.At(urlA).GetStringAsync(new Uri("/admin/users", UriKind.Relative));
        var id = System.Text.RegularExpressions.Regex.Match(users, "data-email=\"dpo@demo.hapmodular.be\">.*?name=\"id\" value=\"([0-9a-f-]{36})\"", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        using (var deactivate = await PageForms.PostAsync(admin.At(urlA), "/admin/users", new Dictionary<string, string> { ["id"] = id }, action: "/admin/users?handler=Deactivate"))
        {
            await PageForms.AssertRedirectAsync(deactivate, "deactivating the DPO's account");
        }

        using var after = await dpo.At(urlB).GetAsync(new Uri("/dpo/emergency", UriKind.Relative));
        return (before.StatusCode, after.StatusCode);
    }

    /// <summary>
    /// At the patient's request the desk masks a document on host A; the physician reads on host B. Returns his download's
    /// status before and after the mask (200, then the neutral 404) and whether his timeline on host B still names it.
    /// </summary>
    public static async Task<(HttpStatusCode Before, HttpStatusCode After, bool TimelineNamesIt)> MaskAcrossHostsAsync(
        string urlA, string apiKey, HttpClient physicianOnB, Guid patientId)
    {
        const string title = "Note masquée à la demande de la patiente";
        var document = await FileAsync(urlA, apiKey, patientId, title, "scale-out-masked");
        using var before = await physicianOnB.GetAsync(new Uri($"/patients/{patientId}/documents/{document.Id}/download", UriKind.Relative));
        using var desk = new PortalSession();
        await desk.SignInAsync(urlA, DemoPhysicians.Desk);
        var page = $"/desk/patients/{patientId}/documents";
        var fields = new Dictionary<string, string> { ["documentId"] = document.Id.ToString(), ["mask"] = "true", ["reference"] = "GUICHET-SCALE-OUT" };
        using (var mask = await PageForms.PostAsync(desk.At(urlA), page, fields))
        {
            await PageForms.AssertRedirectAsync(mask, "masking a document at the desk");
        }

        using var after = await physicianOnB.GetAsync(new Uri($"/patients/{patientId}/documents/{document.Id}/download", UriKind.Relative));
        var timeline = await physicianOnB.GetStringAsync(new Uri($"/patients/{patientId}", UriKind.Relative));
        return (before.StatusCode, after.StatusCode, timeline.Contains(title, StringComparison.Ordinal));
    }

    /// <summary>The SHA-256 of the document's download as the physician gets it.</summary>
    public static async Task<string> DownloadHashAsync(HttpClient physician, Guid patientId, Guid documentId)
    {
        using var response = await physician.GetAsync(new Uri($"/patients/{patientId}/documents/{documentId}/download", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return NginxTraffic.Hash(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>
    /// Every accepted document is kept with the hash of what was sent; a sample is downloaded through nginx (the
    /// surviving host, which checks the content against its hash on every read): those accepted around the kill,
    /// and an even spread of the rest.
    /// </summary>
    public static async Task DocumentsAsync(ScaleOutDatabase db, HttpClient physician, Guid patientId, IReadOnlyList<AcceptedDocument> accepted, long killedAt)
    {
        var kept = await db.DocumentHashesAsync([.. accepted.Select(a => a.Id)]);
        Assert.All(accepted, a => Assert.True(kept.TryGetValue(a.Id, out var hash) && hash == a.Sha256, $"accepted document {a.Id} is missing or different"));
        var around = TimeSpan.FromSeconds(3).TotalSeconds * Stopwatch.Frequency;
        var sample = accepted.Where(a => Math.Abs(a.AcceptedAt - killedAt) <= around)
            .Concat(accepted.Where((_, i) => i % Math.Max(1, accepted.Count / 40) == 0))
            .DistinctBy(a => a.Id);
        foreach (var document in sample)
        {
            Assert.Equal(document.Sha256, await DownloadHashAsync(physician, patientId, document.Id));
        }
    }
}
