using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using HapModular.Testing;
using Xunit.Abstractions;

namespace HapModular.ScaleOut.Tests;

/// <summary>
/// Issue 15's scale-out acceptance: two portal hosts (their own processes) over one embedded PostgreSQL and one
/// document store, behind Debian's nginx, driven by a bounded load client (fixed workers, 60 s; HAP_SCALEOUT_SECONDS
/// shortens it for local iteration). A session opened on one host is valid on the other; a link declared or ended on
/// one host is effective on the other at its very next request, and so are an account's deactivation and a document's mask; 200 link declarations spread over both hosts give
/// exactly 200 letters; both hosts append to one audit chain, which audit-verify finds intact; killing host A (SIGKILL)
/// half way loses no write the client saw accepted, and host B keeps serving through nginx.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class ScaleOutTests(ITestOutputHelper output)
{
    private const int Letters = 200;

    [Fact]
    public async Task Two_hosts_behind_nginx_share_sessions_changes_letters_and_the_audit_chain_and_survive_losing_one()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("HAP_SCALEOUT_SECONDS"), out var s) && s > 0 ? s : 60;
        var test = Stopwatch.StartNew();
        await using var hosts = await TwoHosts.StartAsync();
        output.WriteLine($"{test.Elapsed.TotalSeconds:F0} s: two hosts and nginx up ({hosts.Timings})");
        var db = new ScaleOutDatabase(hosts.ConnectionString);
        var patients = await db.PatientsAsync(hosts.Patients);
        var marie = patients["Dubois"];

        // 1. Dr Dupont signs in on host A; with the same cookie host B shows him the timeline and a document filed
        //    through host A (one store), byte for byte.
        using var dupont = new PortalSession();
        await dupont.SignInAsync(hosts.UrlA, DemoSignIn.Dupont);
        var filed = await ScaleOutChecks.FileAsync(hosts.UrlA, hosts.ApiKey, marie.Id, "Consultation de référence");
        using (var timeline = await dupont.At(hosts.UrlB).GetAsync(new Uri($"/patients/{marie.Id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, timeline.StatusCode);
            Assert.Contains("Consultation de référence", await timeline.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(filed.Sha256, await ScaleOutChecks.DownloadHashAsync(dupont.At(hosts.UrlB), marie.Id, filed.Id));

        // An account deactivated on host A is signed out on host B at its very next request.
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Redirect), await ScaleOutChecks.DeactivationAcrossHostsAsync(hosts.UrlA, hosts.UrlB));
        // A document the desk masks on host A (the patient's request) is gone for the physician on host B at his next request.
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound, false), await ScaleOutChecks.MaskAcrossHostsAsync(hosts.UrlA, hosts.ApiKey, dupont.At(hosts.UrlB), marie.Id));

        // 2. The load: link cyclers on the hosts directly, readers and a filing system through nginx.
        using var peeters = new PortalSession();
        using var lambert = new PortalSession();
        await peeters.SignInAsync(hosts.UrlA, DemoPhysicians.Peeters);
        await lambert.SignInAsync(hosts.UrlB, DemoPhysicians.Lambert);
        var since = await db.NowAsync();
        var choice = new HostChoice(hosts.UrlA, hosts.UrlB);
        var budget = new LinkBudget(Letters);
        var failures = new ConcurrentQueue<string>();
        KnownPatient[] P(params string[] names) => [.. names.Select(n => patients[n])];
        LinkCycler[] cyclers =
        [
            new(peeters, choice, budget, P("Dubois", "Lambert"), startOnA: true, failures),
            new(peeters, choice, budget, P("Lefèvre", "Dupont", "Willems"), startOnA: false, failures),
            new(lambert, choice, budget, P("Dubois", "Lambert", "Lefèvre", "Dupont"), startOnA: true, failures),
            new(lambert, choice, budget, P("Janssens", "Maes", "Peeters", "Willems"), startOnA: false, failures),
        ];
        var traffic = new NginxTraffic(hosts.Nginx.Url, dupont, hosts.ApiKey, marie.Id);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        // The cyclers go on (on host B) until the 200 declarations are made, should a busy machine make them slow.
        using var stopCycling = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 60));
        var started = Stopwatch.GetTimestamp();
        var workers = cyclers.Select(c => Task.Run(() => c.RunAsync(stopCycling.Token)))
            .Concat(Enumerable.Range(0, 3).Select(_ => Task.Run(() => traffic.ReadAsync(stop.Token))))
            .Concat(Enumerable.Range(0, 2).Select(_ => Task.Run(() => traffic.WriteAsync(stop.Token))))
            .ToList();

        // 3. Half way: host A is killed. The direct link cyclers are moved to host B first (their own checks need
        //    certain outcomes); nginx's traffic is not warned.
        // (The kill's moment is part of the load's schedule, not a wait for something to happen.)
        await Task.Delay(TimeSpan.FromSeconds(seconds / 2.0), CancellationToken.None);
        await choice.CloseAAsync();
        var killedAt = Stopwatch.GetTimestamp();
        hosts.A.Signal("KILL");
        Assert.NotEqual(0, await hosts.A.WaitForExitAsync());
        await Task.WhenAll(workers);
        var loadSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        output.WriteLine($"{test.Elapsed.TotalSeconds:F0} s: load done");

        // One chain, appended by both hosts at once: the real verb verifies it (next to the running host B), while
        // the rest is checked (a verb is a process start: its own time).
        var verify = hosts.RunVerbAsync("audit-verify");
        (int Exit, string Output) verification;
        try
        {
            await CheckWhatWasKeptAsync();
        }
        finally
        {
            verification = await verify;
        }

        var (exit, verified) = verification;
        Assert.True(exit == 0, verified);
        var records = long.Parse(AuditIntact().Match(verified).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(records >= traffic.Calls.Count(c => c.Ok && c.Kind == "timeline"), verified);
        output.WriteLine($"{test.Elapsed.TotalSeconds:F0} s: audit-verify: {records} records intact");

        // No log line of the hosts names a patient by NISS (the demo's start-up banner prints the synthetic ones).
        var logs = string.Join('\n', hosts.B.Output.Split('\n').Where(l => l.StartsWith('{')));
        Assert.All(hosts.Patients.Values, p => Assert.DoesNotContain(p.Niss, logs + verified, StringComparison.Ordinal));
        var stopping = Stopwatch.StartNew();
        await hosts.DisposeAsync();
        output.WriteLine($"{test.Elapsed.TotalSeconds:F0} s: host B, nginx and PostgreSQL stopped in {stopping.Elapsed.TotalSeconds:F0} s ({hosts.StopTimings})");

        async Task CheckWhatWasKeptAsync()
        {
            // Cross-host effect of every declaration and every end, at the very next request.
            Assert.Empty(failures);
            Assert.Equal(Letters, budget.Confirmed);

            // Through nginx: host B kept serving after the kill; the failures are the requests host A held when it died.
            var calls = traffic.Calls.ToList();
            var after = calls.Where(c => c.AnsweredAt >= killedAt).ToList();
            var before = calls.Where(c => c.AnsweredAt < killedAt).ToList();
            var failedAfter = after.Where(c => !c.Ok).ToList();
            output.WriteLine($"load {loadSeconds:F0} s through nginx: {before.Count} calls before the kill ({before.Count(c => !c.Ok)} failed), {after.Count} after ({failedAfter.Count} failed: {string.Join(", ", failedAfter.Select(c => $"{c.Kind} {c.Status}{c.Error}"))}); {traffic.Accepted.Count} documents filed; {cyclers.Sum(c => c.CrossHostChecks)} cross-host checks");
            Assert.All(before, c => Assert.True(c.Ok, $"{c.Kind} answered {c.Status} {c.Error} before any host failed"));
            Assert.True(after.Count(c => c.Ok && c.Kind == "timeline") > 0 && after.Count(c => c.Ok && c.Kind == "ingest") > 0, "host B served nothing through nginx after host A was killed");
            // At most the requests in flight on host A at the kill (one per nginx worker of the client) fail.
            Assert.True(failedAfter.Count <= 5, $"{failedAfter.Count} failures through nginx after the kill");
            Assert.Contains("127.0.0.1:" + new Uri(hosts.UrlA).Port, hosts.Nginx.ErrorLog, StringComparison.Ordinal);
            Assert.Empty(traffic.Corrupt);

            // 4. No accepted write lost: every document (row + its content, checked against its hash when read through
            //    host B), every allowed read's audit record, every declaration's letter — exactly one each.
            await ScaleOutChecks.DocumentsAsync(db, dupont.At(hosts.Nginx.Url), marie.Id, traffic.Accepted, killedAt);
            var reads = calls.Count(c => c.Ok && c.Kind == "timeline");
            Assert.True(await db.AuditedReadsAsync(marie.Id, since) >= reads, "a timeline served through nginx has no audit record");
            var letters = await db.WaitForLettersAsync(since, Letters, TimeSpan.FromSeconds(100));
            output.WriteLine($"{test.Elapsed.TotalSeconds:F0} s: letters {letters}");
            Assert.True(letters == (Letters, Letters, Letters, Letters), $"letters {letters}; still open:\n{await db.OpenLettersAsync(since)}");
        }
    }

    [GeneratedRegex(@"Audit chain intact: (\d+) records verified\.")]
    private static partial Regex AuditIntact();
}
