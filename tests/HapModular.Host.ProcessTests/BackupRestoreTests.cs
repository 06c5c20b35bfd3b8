using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using HapModular.Testing;

namespace HapModular.Host.ProcessTests;

/// <summary>
/// build/backup.sh and build/restore.sh as an operator runs them, against the host as its own process and its embedded
/// PostgreSQL (issue 15): a backup taken while the portal serves, the database dropped and the document store deleted,
/// the restore verified (audit chain, every document's hash) and the portal serving the same document to the same
/// session again; a damaged backup restores nothing; the same backup restored through a connection string.
/// </summary>
[Collection(HostProcessCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class BackupRestoreTests
{

    [Fact]
    public async Task A_backup_restores_after_the_database_and_store_are_gone_verified_and_served_and_a_damaged_backup_restores_nothing()
    {
        using var home = new PrivateHome();
        var url = $"http://127.0.0.1:{FreePorts.Next()}";
        var data = Path.Combine(home.Root, ".hapdata");
        var env = new Dictionary<string, string>
        {
            ["Hap__Demo__Corpus"] = "none",
            ["Hap__Demo__Set"] = "none",
            ["Hap__DataDirectory"] = data,
            ["HAP_HOST_DLL"] = HostProcess.HostDll,
        };
        var imports = Directory.CreateDirectory(Path.Combine(home.Root, "import")).FullName;
        var files = new[] { "documents/pdf/discharge_summary_sample.pdf", "documents/pdf/ecg_12lead_report_3x4.pdf" };
        foreach (var file in files)
        {
            File.Copy(Corpus.File(file), Path.Combine(imports, Path.GetFileName(file)));
        }

        var backup = Path.Combine(home.Root, "backups", "night-1");
        var outputs = new List<string>();
        string niss;
        string document;
        string expectedHash;
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var dupont = new HttpClient(handler) { BaseAddress = new Uri(url) };

        // 1. Data: two documents for Marie Dubois (linked to Dr Dupont), read by him (audit records), backed up while
        //    the portal serves.
        await using (var portal = HostProcess.Start(home.Root, env, "--urls", url, "--demo"))
        {
            await portal.WaitForLineAsync("HapModular is running at " + url);
            niss = NissOfMarie().Match(portal.Output).Groups[1].Value;
            await using (var import = HostProcess.Start(home.Root, env, "import", imports, "--patient", niss.Replace(".", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal)))
            {
                Assert.Equal(0, await import.WaitForExitAsync());
                Assert.Contains("2 accepted, 0 refused", import.Output, StringComparison.Ordinal);
            }

            await DemoSignIn.SignInAsync(dupont, DemoSignIn.Dupont);
            var patient = (Guid)(await home.ScalarAsync("SELECT patient_id FROM records.documents LIMIT 1"))!;
            var documentId = (Guid)(await home.ScalarAsync("SELECT id FROM records.documents ORDER BY file_name LIMIT 1"))!;
            expectedHash = Hash(File.ReadAllBytes(Path.Combine(imports, "discharge_summary_sample.pdf")));
            document = $"/patients/{patient}/documents/{documentId}/download";
            Assert.Equal(expectedHash, await DownloadHashAsync(dupont, document));

            var made = await RunAsync(home, env, "build/backup.sh", backup);
            outputs.Add(made.Output);
            Assert.True(made.Exit == 0, made.Output);
            Assert.Contains("2 referenced documents", made.Output, StringComparison.Ordinal);
            portal.Signal("TERM");
            Assert.Equal(0, await portal.WaitForExitAsync());
        }

        // 2. Disaster: the database dropped, the document store deleted.
        await using (var drop = HostProcess.Start(home.Root, env, "with-database", "--", "psql", "-X", "-q", "-d", "postgres", "-c", "DROP DATABASE hapmodular"))
        {
            Assert.Equal(0, await drop.WaitForExitAsync());
        }

        Directory.Delete(Path.Combine(data, "blobs"), recursive: true);

        // 3. A damaged copy of the backup (one document altered) fails loudly and restores nothing.
        var damaged = backup + "-damaged";
        CopyFolder(backup, damaged);
        var blob = Directory.EnumerateFiles(Path.Combine(damaged, "blobs"), "*", SearchOption.AllDirectories).First();
        var bytes = File.ReadAllBytes(blob);
        bytes[bytes.Length / 2] ^= 0x5a;
        File.WriteAllBytes(blob, bytes);
        var refused = await RunAsync(home, env, "build/restore.sh", damaged);
        outputs.Add(refused.Output);
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains(Path.GetFileName(blob) + ": FAILED", refused.Output, StringComparison.Ordinal);
        Assert.Contains("is damaged", refused.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing was restored", refused.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(data, "blobs")), "a refused restore must not write the document store");

        // 4. The backup restores, verified: every document's hash, then the audit chain (records of step 1 included).
        var restored = await RunAsync(home, env, "build/restore.sh", backup);
        outputs.Add(restored.Output);
        Assert.True(restored.Exit == 0, restored.Output);
        Assert.Contains("Documents verified: 2 referenced files, each matches its content hash.", restored.Output, StringComparison.Ordinal);
        var audited = long.Parse(AuditIntact().Match(restored.Output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(audited >= 2, restored.Output);
        Assert.Contains("Restore complete and verified.", restored.Output, StringComparison.Ordinal);

        // 5. The portal serves the document again, to the session opened before the backup (keys restored too); and
        //    the same backup restores through a connection string into another database of that server.
        await using (var portal = HostProcess.Start(home.Root, env, "--urls", url, "--demo"))
        {
            await portal.WaitForLineAsync("HapModular is running at " + url);
            Assert.Equal(expectedHash, await DownloadHashAsync(dupont, document));

            // Another database has its own chain witness: this data folder's checkpoints now include the record of the
            // download above, which the backup does not hold (a restore over it is a rollback, and audit-verify says so).
            var elsewhere = new Dictionary<string, string>(env)
            {
                ["ConnectionStrings__Hap"] = home.ConnectionString("hapcopy"),
                ["Hap__Audit__CheckpointFile"] = Path.Combine(home.Root, "hapcopy-checkpoints.log"),
            };
            var copied = await RunAsync(home, elsewhere, "build/restore.sh", backup);
            outputs.Add(copied.Output);
            Assert.True(copied.Exit == 0, copied.Output);
            Assert.Equal(2L, await home.CountAsync("SELECT count(*) FROM records.documents"));
            Assert.Equal(2L, Convert.ToInt64(await home.ScalarAsync("SELECT count(*) FROM records.documents", "hapcopy"), System.Globalization.CultureInfo.InvariantCulture));

            // Restoring over a database that holds data is refused without --replace.
            var over = await RunAsync(home, env, "build/restore.sh", backup);
            outputs.Add(over.Output);
            Assert.NotEqual(0, over.Exit);
            Assert.Contains("--replace", over.Output, StringComparison.Ordinal);
        }

        var digits = niss.Replace(".", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        Assert.All(outputs, o => Assert.DoesNotContain(digits, o.Replace(".", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal));
    }

    private static async Task<string> DownloadHashAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Hash(await response.Content.ReadAsByteArrayAsync());
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Runs a script of the repository (as an operator: bash, its own process) and returns its exit code and output.</summary>
    private static async Task<(int Exit, string Output)> RunAsync(PrivateHome home, IReadOnlyDictionary<string, string> env, string script, params string[] arguments)
    {
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = home.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(Corpus.RepoRoot, script));
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove("ConnectionStrings__Hap");
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Hap__PluginsPath"] = Path.Combine(AppContext.BaseDirectory, "plugins");
        foreach (var (key, value) in env)
        {
            psi.Environment[key] = value;
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(HostProcess.Limit);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + "\n" + await stderr);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [GeneratedRegex(@"Marie Dubois, born 1956-03-14, NISS ([0-9.\-]+)\.?$", RegexOptions.Multiline)]
    private static partial Regex NissOfMarie();

    [GeneratedRegex(@"Audit chain intact: (\d+) records verified\.")]
    private static partial Regex AuditIntact();
}
