using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using HapModular.Modules.Audit;
using HapModular.Modules.Identity;
using HapModular.Modules.Interop;
using HapModular.Modules.Notifications;
using HapModular.Modules.Records;
using HapModular.Modules.Shared.Migrations;
using HapModular.Testing;

namespace HapModular.Host.ProcessTests;

/// <summary>
/// Schema migrations as an upgrade meets them (issue 15): a database made by the previous release
/// (PreviousRelease/, made by build/make-previous-release-db.sh) restored, then TWO current hosts started at the same
/// moment on it, as real processes; and two hosts starting at once on an empty database. Both hosts come up, every
/// script is journaled once, and the previous release's data is served (timeline, document bytes, audit chain).
/// </summary>
[Collection(HostProcessCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PreviousReleaseMigrationTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "PreviousRelease");

    // Each schema with scripts, and its scripts: what every journal must hold, once each.
    private static readonly (string Schema, string[] Scripts)[] Journals =
    [
        ("host", Scripts(typeof(Program).Assembly, "host")),
        ("identity", Scripts(typeof(IdentityModule).Assembly, "identity")),
        ("records", Scripts(typeof(RecordsModule).Assembly, "records")),
        ("notifications", Scripts(typeof(NotificationsModule).Assembly, "notifications")),
        ("audit", Scripts(typeof(AuditModule).Assembly, "audit")),
        ("interop", Scripts(typeof(InteropModule).Assembly, "interop")),
    ];

    [Fact]
    public async Task Two_hosts_starting_together_upgrade_the_previous_releases_database_once_and_serve_its_data()
    {
        using var home = new PrivateHome();
        var data = Path.Combine(home.Root, ".hapdata");
        await ExtractDataFolderAsync(data, keysOnly: false);
        var env = Environment(data);
        var release = File.ReadAllLines(Path.Combine(Fixture, "release.txt")).Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1]);

        // The previous release's database, restored as an operator would (psql of the plain dump) into the data folder's
        // cluster, which this holder keeps running for the test.
        var dump = Path.Combine(home.Root, "previous.sql");
        await using (var gz = new GZipStream(File.OpenRead(Path.Combine(Fixture, "database.sql.gz")), CompressionMode.Decompress))
        await using (var file = File.Create(dump))
        {
            await gz.CopyToAsync(file);
        }

        await using var holder = HostProcess.Start(home.Root, env, "with-database", "--", "sh", "-c", $"psql -X -q -v ON_ERROR_STOP=1 -f '{dump}' && echo restored && exec cat");
        await holder.WaitForLineAsync("restored");
        var auditBefore = await home.CountAsync("SELECT count(*) FROM audit.records");
        Assert.Equal(0L, await home.CountAsync("SELECT count(*) FROM pg_tables WHERE tablename = 'schema_migrations'"));

        // Two current hosts at the same moment; then the previous release's data: Dr Dupont signs in on host A (his link
        // to Marie Dubois, made by that release), reads her timeline there and downloads the earlier document on host B
        // (one key ring for both).
        await WithTwoHostsStartedTogetherAsync(home, env, async (urlA, urlB) =>
        {
            var patient = (Guid)(await home.ScalarAsync($"SELECT patient_id FROM records.documents WHERE file_name = '{release["document"]}'"))!;
            var document = (Guid)(await home.ScalarAsync($"SELECT id FROM records.documents WHERE file_name = '{release["document"]}'"))!;
            using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
            using var dupont = new HttpClient(handler) { BaseAddress = new Uri(urlA) };
            await DemoSignIn.SignInAsync(dupont, DemoSignIn.Dupont);
            using (var timeline = await dupont.GetAsync(new Uri($"/patients/{patient}", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, timeline.StatusCode);
                Assert.Contains($"/documents/{document}", await timeline.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            using var download = await dupont.GetAsync(new Uri($"{urlB}/patients/{patient}/documents/{document}/download"));
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(release["document-sha256"], Convert.ToHexStringLower(SHA256.HashData(await download.Content.ReadAsByteArrayAsync())));
            Assert.True(await home.CountAsync("SELECT count(*) FROM audit.records") > auditBefore, "the reads of the current hosts are audited after the previous release's records");
        });

        // The audit chain: the previous release's records and the current hosts' ones, one unbroken chain.
        await using (var verify = HostProcess.Start(home.Root, env, "audit-verify"))
        {
            Assert.True(await verify.WaitForExitAsync() == 0, verify.Output);
            Assert.Contains("Audit chain intact", verify.Output, StringComparison.Ordinal);
        }

        await AssertEachScriptJournaledOnceAsync(home);
        holder.CloseInput();
        Assert.Equal(0, await holder.WaitForExitAsync());
    }

    [Fact]
    public async Task Two_hosts_starting_together_on_an_empty_database_both_come_up_with_one_set_of_journal_rows()
    {
        using var home = new PrivateHome();
        var data = Path.Combine(home.Root, ".hapdata");
        // The demo marker and keys only (a Production host needs its keys; the marker lets it use keys/): an empty database.
        await ExtractDataFolderAsync(data, keysOnly: true);
        var env = Environment(data);
        await using var holder = HostProcess.Start(home.Root, env, "with-database", "--", "sh", "-c", "echo attached && exec cat");
        await holder.WaitForLineAsync("attached");
        Assert.Equal(0L, await home.CountAsync("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"));

        await WithTwoHostsStartedTogetherAsync(home, env, (_, _) => Task.CompletedTask);

        holder.CloseInput();
        Assert.Equal(0, await holder.WaitForExitAsync());
    }

    // Two current hosts started at the same moment: both come up and are ready, every script journaled once; then the
    // test's own checks while both serve.
    private static async Task WithTwoHostsStartedTogetherAsync(PrivateHome home, IReadOnlyDictionary<string, string> env, Func<string, string, Task> whileBothServe)
    {
        var (a, urlA) = StartHost(home, env);
        var (b, urlB) = StartHost(home, env);
        await using (a)
        await using (b)
        {
            await Task.WhenAll(a.WaitForLineAsync("HapModular is running at " + urlA), b.WaitForLineAsync("HapModular is running at " + urlB));
            await AssertReadyAsync(urlA);
            await AssertReadyAsync(urlB);
            await AssertEachScriptJournaledOnceAsync(home);
            await whileBothServe(urlA, urlB);
        }
    }

    private static async Task AssertEachScriptJournaledOnceAsync(PrivateHome home)
    {
        foreach (var (schema, scripts) in Journals)
        {
            var rows = (string)(await home.ScalarAsync($"SELECT string_agg(scriptname, ',' ORDER BY scriptname) FROM {schema}.{ModuleMigrations.JournalTable}"))!;
            Assert.Equal(string.Join(',', scripts.Order(StringComparer.Ordinal)), rows);
        }
    }

    private static async Task AssertReadyAsync(string url)
    {
        using var client = new HttpClient();
        using var ready = await client.GetAsync(new Uri(url + "/health/ready"));
        Assert.True(ready.StatusCode == HttpStatusCode.OK, $"{url}/health/ready: {(int)ready.StatusCode} {await ready.Content.ReadAsStringAsync()}");
    }

    private static (HostProcess Host, string Url) StartHost(PrivateHome home, IReadOnlyDictionary<string, string> env)
    {
        var url = $"http://127.0.0.1:{FreePorts.Next()}";
        return (HostProcess.Start(home.Root, env, "--urls", url), url);
    }

    private static Dictionary<string, string> Environment(string data) => new()
    {
        ["Hap__DataDirectory"] = data,
        ["Hap__Demo__Corpus"] = "none",
        ["Hap__Demo__Set"] = "none",
    };

    // The previous release's data folder (keys, document store, audit checkpoints, demo marker); keysOnly: keys and
    // marker, for a new database.
    private static async Task ExtractDataFolderAsync(string data, bool keysOnly)
    {
        Directory.CreateDirectory(data);
        await using var gz = new GZipStream(File.OpenRead(Path.Combine(Fixture, "data.tar.gz")), CompressionMode.Decompress);
        await using var tar = new TarReader(gz);
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            var name = entry.Name.TrimStart('.', '/');
            if (name.Length == 0 || (keysOnly && !name.StartsWith("keys", StringComparison.Ordinal) && name != "DEMO"))
            {
                continue;
            }

            var target = Path.Combine(data, name);
            if (entry.EntryType == TarEntryType.Directory)
            {
                Directory.CreateDirectory(target);
            }
            else if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await entry.ExtractToFileAsync(target, overwrite: true);
            }
        }
    }

    private static string[] Scripts(System.Reflection.Assembly assembly, string schema) =>
        [.. ModuleMigrations.For(assembly, schema).Scripts.Select(s => s.Name)];
}
