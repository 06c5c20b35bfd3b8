using System.Net;
using System.Text.Json;
using HapModular.Testing;

namespace HapModular.Host.Tests;

/// <summary>
/// Issue 15 (operations): a load balancer asks <c>/health/live</c> whether to keep the process and
/// <c>/health/ready</c> whether to send it requests — the database, the document store and the job storage, each named.
/// </summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Ready_names_each_dependency_and_a_lost_document_store_takes_the_host_out_of_the_pool()
    {
        await using var factory = new JobsFactory();
        await factory.InitializeAsync();
        using var client = factory.CreateClient();

        var (status, checks) = await ReadyAsync(client);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", checks["postgresql"]);
        Assert.Equal("Healthy", checks["document-store"]);
        Assert.Contains(checks["jobs"], new[] { "Healthy", "Degraded" });

        // The NAS is gone: the blob folder is no longer a folder.
        var blobs = Path.Combine(factory.DataDirectory, "blobs");
        Directory.Delete(blobs, recursive: true);
        await File.WriteAllTextAsync(blobs, "not a folder");

        (status, checks) = await ReadyAsync(client);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", checks["document-store"]);
        Assert.Equal("Healthy", checks["postgresql"]);
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Without_a_job_server_the_host_is_ready_but_says_letters_wait()
    {
        await using var factory = new HapAppFactory();
        await factory.InitializeAsync();
        using var client = factory.CreateClient();

        var (status, checks) = await ReadyAsync(client);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", checks["jobs"]);
    }

    private static async Task<(HttpStatusCode Status, Dictionary<string, string> Checks)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("status").GetString()!);
        return (response.StatusCode, checks);
    }

    private sealed class JobsFactory : HapAppFactory
    {
        protected override bool RunJobs => true;
    }
}
