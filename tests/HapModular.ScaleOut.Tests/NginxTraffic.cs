using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HapModular.ScaleOut.Tests;

/// <summary>One request through nginx: what was asked, when it answered (test clock) and how.</summary>
internal sealed record Call(string Kind, long AnsweredAt, int Status, string? Error)
{
    public bool Ok => Status is >= 200 and < 300;
}

/// <summary>A document the portal accepted (2xx): it must be there afterwards, byte for byte.</summary>
internal sealed record AcceptedDocument(Guid Id, string Sha256, long AcceptedAt);

/// <summary>
/// What reaches the portal through nginx during the load: a physician reading the timeline and the documents of his
/// patient (Dr Dupont's session, opened on host A), and the hospital's system filing new documents for that patient
/// (<c>/api/ingest</c>). Every call is kept with its answer; every accepted document with its content hash.
/// </summary>
internal sealed class NginxTraffic(string nginxUrl, PortalSession reader, string apiKey, Guid patientId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<AcceptedDocument> accepted = [];
    private readonly ConcurrentQueue<Call> calls = new();
    private readonly ConcurrentQueue<string> corrupt = new();
    private int sequence;

    public IReadOnlyCollection<Call> Calls => calls;

    public IReadOnlyList<AcceptedDocument> Accepted
    {
        get
        {
            lock (accepted)
            {
                return [.. accepted];
            }
        }
    }

    /// <summary>Downloads whose bytes differ from what was filed (must stay empty).</summary>
    public IReadOnlyCollection<string> Corrupt => corrupt;

    public async Task ReadAsync(CancellationToken stop)
    {
        var client = reader.At(nginxUrl);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var document = n % 2 == 1 ? Pick(n) : null;
            var path = document is null ? $"/patients/{patientId}" : $"/patients/{patientId}/documents/{document.Id}/download";
            await CallAsync(document is null ? "timeline" : "download", async () =>
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative), CancellationToken.None);
                var body = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                if (document is not null && response.IsSuccessStatusCode && Hash(body) != document.Sha256)
                {
                    corrupt.Enqueue(document.Id.ToString());
                }

                return (int)response.StatusCode;
            });
        }
    }

    public async Task WriteAsync(CancellationToken stop)
    {
        using var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) }) { BaseAddress = new Uri(nginxUrl), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        while (!stop.IsCancellationRequested)
        {
            var n = Interlocked.Increment(ref sequence);
            var content = Encoding.UTF8.GetBytes($"Compte rendu de consultation n° {n}\nÉtat stable. Contrôle dans trois mois.\nRéférence {Guid.NewGuid():N}\n");
            await CallAsync("ingest", async () =>
            {
                using var form = new MultipartFormDataContent();
                var file = new ByteArrayContent(content);
                file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
                form.Add(file, "content", $"consultation-{n}.txt");
                form.Add(new StringContent(JsonSerializer.Serialize(new { sourceId = $"scale-out-{n}", patientId, title = $"Consultation {n}", kind = "report" }, Json)), "metadata");
                using var response = await client.PostAsync(new Uri("/api/ingest", UriKind.Relative), form, CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None));
                    var id = answer.RootElement.GetProperty("documentId").GetGuid();
                    lock (accepted)
                    {
                        accepted.Add(new AcceptedDocument(id, Hash(content), Stopwatch.GetTimestamp()));
                    }
                }

                return (int)response.StatusCode;
            });
        }
    }

    private AcceptedDocument? Pick(int n)
    {
        lock (accepted)
        {
            return accepted.Count == 0 ? null : accepted[n % accepted.Count];
        }
    }

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private async Task CallAsync(string kind, Func<Task<int>> call)
    {
        try
        {
            var status = await call();
            calls.Enqueue(new Call(kind, Stopwatch.GetTimestamp(), status, null));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            calls.Enqueue(new Call(kind, Stopwatch.GetTimestamp(), 0, e.GetType().Name));
        }
    }
}
