using System.Net;
using System.Text.Json;
using HapModular.Testing;

namespace HapModular.Host.ProcessTests;

/// <summary>
/// Issue 15 (operations): with <c>Hap:Logging:Json</c> the host writes one JSON object per line, and every event of a
/// request carries the correlation id answered to the client — the W3C trace id of the caller's <c>traceparent</c>.
/// </summary>
[Collection(HostProcessCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class JsonLogTests
{
    [Fact]
    public async Task Every_log_event_of_a_request_is_a_json_line_carrying_the_correlation_id_answered_to_the_client()
    {
        using var home = new PrivateHome();
        var url = $"http://127.0.0.1:{FreePorts.Next()}";
        var env = new Dictionary<string, string>
        {
            ["Hap__Demo__Corpus"] = "none",
            ["Hap__Demo__Set"] = "none",
            ["Hap__Logging__Json"] = "true",
            // Several events per request: routing, endpoint and page execution, the request's summary.
            ["Serilog__MinimumLevel__Override__Microsoft.AspNetCore"] = "Debug",
        };
        await using var portal = HostProcess.Start(home.Root, env, "--urls", url, "--demo");
        await portal.WaitForLineAsync("HapModular is running at " + url);

        const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in?from=json-log-test");
        request.Headers.Add("traceparent", $"00-{TraceId}-00f067aa0ba902b7-01");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TraceId, Assert.Single(response.Headers.GetValues("X-Correlation-Id")));
        await portal.WaitForLineAsync("responded 200");

        var lines = portal.Output.Split('\n');
        Assert.DoesNotContain(lines, l => l.Contains("/account/sign-in", StringComparison.Ordinal) && !l.StartsWith('{'));
        var events = lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("RequestPath", out var path) && path.GetString() == "/account/sign-in")
            .ToList();
        Assert.True(events.Count >= 3, "too few events to prove anything:\n" + portal.Output);
        Assert.All(events, e =>
        {
            Assert.Equal(TraceId, e.GetProperty("CorrelationId").GetString());
            Assert.Equal(TraceId, e.GetProperty("@tr").GetString());
            Assert.True(e.TryGetProperty("@t", out _) && e.TryGetProperty("@m", out _), e.ToString());
        });
    }
}
