using HapModular.EndToEnd;
using HapModular.Testing;

namespace HapModular.Host.ProcessTests;

/// <summary>
/// The host as its own process, started and stopped the way a hospital does it: from a private folder (mode 0700,
/// as a checkout in root's home), in Production, with the demo but without the corpus (a hospital's checkout has no
/// ../shared). One data folder and one cluster for the whole life of a demo portal: a stop signal while it seeds, a
/// command-line verb next to the running portal, a restart after a person's decision, and a SIGKILL.
/// </summary>
[Collection(HostProcessCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HostProcessJourneyTests
{
    // The generated set makes seeding long (230 images): the stop signal lands while it seeds.
    private static readonly Dictionary<string, string> NoCorpus = new() { ["Hap__Demo__Corpus"] = "none" };

    // The generated set's images are DemoSetTests' business; the rest of the journey needs the people, not the images.
    private static readonly Dictionary<string, string> PeopleOnly = new() { ["Hap__Demo__Corpus"] = "none", ["Hap__Demo__Set"] = "none" };

    [Fact]
    public async Task The_demo_portal_stops_cleanly_while_seeding_serves_through_a_command_keeps_a_withdrawal_across_a_restart_and_leaves_no_postgresql_when_killed()
    {
        using var home = new PrivateHome();
        var url = $"http://127.0.0.1:{FreePorts.Next()}";
        const string Letters = "SELECT count(*) FROM notifications.letters";

        // 1. SIGTERM while the demo seeds (issue 12 item 11): exit 0, no unhandled cancellation, no PostgreSQL left.
        await using (var host = HostProcess.Start(home.Root, NoCorpus, "--urls", url, "--demo"))
        {
            await host.WaitForLineAsync("Seeding demo data");
            var server = home.ServerPid ?? throw new InvalidOperationException("no server pid:\n" + host.Output);
            host.Signal("TERM");

            Assert.Equal(0, await host.WaitForExitAsync());
            Assert.DoesNotContain("HapModular is running at", host.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", host.Output, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("TaskCanceledException", host.Output, StringComparison.Ordinal);
            Assert.True(await PrivateHome.EndsAsync(server), "the embedded PostgreSQL must stop with the host:\n" + host.Output);
        }

        // 2. The next start finishes the seeding and says what the demo holds (items 8 and 10).
        long letters;
        await using var browser = await BrowserSession.StartAsync(url);
        await using (var portal = HostProcess.Start(home.Root, PeopleOnly, "--urls", url, "--demo"))
        {
            await portal.WaitForLineAsync("HapModular is running at " + url);
            Assert.Contains("TOTP secret " + SignIn.Desk.TotpSecret, portal.Output, StringComparison.Ordinal);
            Assert.Contains("Chloé Lefèvre, born 1989-07-30, NISS 89.07.30-034.", portal.Output, StringComparison.Ordinal);
            Assert.Contains("corpus", portal.Output, StringComparison.Ordinal);

            // A README command against the same data folder while the portal runs (item 1), without any setting of
            // its own: the folder's demo marker gives it the demo's keys.
            await using (var command = HostProcess.Start(home.Root, PeopleOnly, "import", "--create-key", "journey-pacs"))
            {
                Assert.Equal(0, await command.WaitForExitAsync());
                Assert.Contains("API key for journey-pacs", command.Output, StringComparison.Ordinal);
            }

            var desk = await browser.SignedInPageAsync(SignIn.Desk);
            await desk.GotoAsync("/desk?q=Lef%C3%A8vre");
            await SignIn.SubmitAsync(desk, "#desk-results a");
            await desk.SelectOptionAsync("#consent-status", "Revoked");
            await desk.SelectOptionAsync("#consent-method", "oral");
            await desk.FillAsync("#consent-reference", "REQ-RESTART-1");
            await SignIn.SubmitAsync(desk, "#desk-consent button[type=submit]");
            Assert.Equal(1, await desk.Locator("#desk-consent .status-revoked").CountAsync());

            // A physician on an administrator's page: the portal's HTML refusal, not JSON (item 9, in Production).
            var physician = await browser.SignedInPageAsync(SignIn.Dupont);
            var forbidden = await physician.GotoAsync("/admin/users");
            Assert.Equal(403, forbidden!.Status);
            Assert.Contains("Accès refusé", await physician.InnerTextAsync("main"), StringComparison.Ordinal);

            letters = await home.CountAsync(Letters);
            portal.Signal("TERM");
            Assert.Equal(0, await portal.WaitForExitAsync());
        }

        // 3. A restart seeds nothing again (item 2): still withdrawn, no new letter. Then a SIGKILL (item 11): the
        //    watchdog stops the embedded PostgreSQL.
        await using (var restarted = HostProcess.Start(home.Root, PeopleOnly, "--urls", url, "--demo"))
        {
            await restarted.WaitForLineAsync("HapModular is running at " + url);
            Assert.DoesNotContain("Seeding demo data", restarted.Output, StringComparison.Ordinal);
            Assert.Equal(letters, await home.CountAsync(Letters));

            var desk = await browser.SignedInPageAsync(SignIn.Desk);
            await desk.GotoAsync("/desk?q=Lef%C3%A8vre");
            await SignIn.SubmitAsync(desk, "#desk-results a");
            Assert.Equal(1, await desk.Locator("#desk-consent .status-revoked").CountAsync());

            var server = home.ServerPid!.Value;
            restarted.Signal("KILL");
            await restarted.WaitForExitAsync();
            Assert.True(await PrivateHome.EndsAsync(server), "a SIGKILLed host must leave no PostgreSQL behind");
        }
    }
}

/// <summary>Host processes start their own PostgreSQL and Chromium: not in parallel with each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostProcessCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "host-process";
}
