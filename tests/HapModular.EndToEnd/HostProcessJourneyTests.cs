
namespace HapModular.EndToEnd;

/// <summary>
/// The host as its own process, started and stopped the way a hospital does it: from a private folder (mode 0700,
/// as a checkout in root's home), in Production, with the demo but without the corpus (a hospital's checkout has no
/// ../shared). Stop signals at any moment, a SIGKILL, a command-line verb next to the running portal, and a restart
/// after a person's decision.
/// </summary>
[Collection(HostProcessCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HostProcessJourneyTests
{
    private static readonly Dictionary<string, string> NoCorpus = new() { ["Hap__Demo__Corpus"] = "none" };

    // The generated set's 230 images are DemoSetTests' business; these journeys need the people, not the images.
    private static readonly Dictionary<string, string> PeopleOnly = new() { ["Hap__Demo__Corpus"] = "none", ["Hap__Demo__Set"] = "none" };

    [Fact]
    public async Task A_stop_signal_during_seeding_stops_cleanly_and_a_killed_host_leaves_no_postgresql()
    {
        using var home = new PrivateHome();
        int server;
        await using (var host = HostProcess.Start(home.Root, NoCorpus, "--urls", "http://127.0.0.1:0", "--demo"))
        {
            await host.WaitForLineAsync("Seeding demo data");
            server = home.ServerPid ?? throw new InvalidOperationException("no server pid:\n" + host.Output);
            host.Signal("TERM");

            Assert.Equal(0, await host.WaitForExitAsync());
            Assert.DoesNotContain("Unhandled exception", host.Output, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("TaskCanceledException", host.Output, StringComparison.Ordinal);
            Assert.True(await PrivateHome.EndsAsync(server), "the embedded PostgreSQL must stop with the host:\n" + host.Output);
        }

        // The demo's data folder without seeding (Hap:Demo:Enabled keeps its generated NISS key in Production).
        await using (var host = HostProcess.Start(home.Root, new Dictionary<string, string>(PeopleOnly) { ["Hap__Demo__Enabled"] = "true" }, "--urls", "http://127.0.0.1:0"))
        {
            await host.WaitForLineAsync("HapModular is running at");
            server = home.ServerPid!.Value;
            host.Signal("KILL");
            await host.WaitForExitAsync();
            Assert.True(await PrivateHome.EndsAsync(server), "a SIGKILLed host must leave no PostgreSQL behind");
        }
    }

    [Fact]
    public async Task A_command_next_to_the_running_portal_leaves_it_serving_and_a_restart_keeps_a_withdrawal_without_a_letter()
    {
        using var home = new PrivateHome();
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        const string Letters = "SELECT count(*) FROM notifications.letters";
        long letters;
        await using (var portal = HostProcess.Start(home.Root, PeopleOnly, "--urls", url, "--demo"))
        {
            await portal.WaitForLineAsync("HapModular is running at " + url);
            Assert.Contains("TOTP secret " + SignIn.Desk.TotpSecret, portal.Output, StringComparison.Ordinal);
            Assert.Contains("Chloé Lefèvre, born 1989-07-30, NISS 89.07.30-034.", portal.Output, StringComparison.Ordinal);
            Assert.Contains("corpus", portal.Output, StringComparison.Ordinal);

            // A README command against the same data folder while the portal runs.
            await using (var command = HostProcess.Start(home.Root, PeopleOnly, "import", "--create-key", "journey-pacs"))
            {
                Assert.Equal(0, await command.WaitForExitAsync());
                Assert.Contains("API key for journey-pacs", command.Output, StringComparison.Ordinal);
            }

            await using var browser = await BrowserSession.StartAsync(url);
            var desk = await browser.SignedInPageAsync(SignIn.Desk);
            await desk.GotoAsync("/desk?q=Lef%C3%A8vre");
            await SignIn.SubmitAsync(desk, "#desk-results a");
            await desk.SelectOptionAsync("#consent-status", "Revoked");
            await desk.SelectOptionAsync("#consent-method", "oral");
            await desk.FillAsync("#consent-reference", "REQ-RESTART-1");
            await SignIn.SubmitAsync(desk, "#desk-consent button[type=submit]");
            Assert.Equal(1, await desk.Locator("#desk-consent .status-revoked").CountAsync());

            // A physician on an administrator's page: the portal's HTML refusal, not JSON.
            var physician = await browser.SignedInPageAsync(SignIn.Dupont);
            var forbidden = await physician.GotoAsync("/admin/users");
            Assert.Equal(403, forbidden!.Status);
            Assert.Contains("Accès refusé", await physician.InnerTextAsync("main"), StringComparison.Ordinal);

            letters = await home.CountAsync(Letters);
            portal.Signal("TERM");
            Assert.Equal(0, await portal.WaitForExitAsync());
        }

        await using (var restarted = HostProcess.Start(home.Root, PeopleOnly, "--urls", url, "--demo"))
        {
            await restarted.WaitForLineAsync("HapModular is running at " + url);
            Assert.DoesNotContain("Seeding demo data", restarted.Output, StringComparison.Ordinal);
            Assert.Equal(letters, await home.CountAsync(Letters));

            await using var browser = await BrowserSession.StartAsync(url);
            var desk = await browser.SignedInPageAsync(SignIn.Desk);
            await desk.GotoAsync("/desk?q=Lef%C3%A8vre");
            await SignIn.SubmitAsync(desk, "#desk-results a");
            Assert.Equal(1, await desk.Locator("#desk-consent .status-revoked").CountAsync());
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Host processes start their own PostgreSQL and Chromium: not in parallel with each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostProcessCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "host-process";
}
