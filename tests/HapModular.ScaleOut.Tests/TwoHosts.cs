using System.Globalization;
using System.Text.RegularExpressions;
using HapModular.Host.ProcessTests;
using HapModular.Testing;

namespace HapModular.ScaleOut.Tests;

/// <summary>
/// Two portal hosts as their own processes (Production, the demo accounts) on one data folder: the first starts the
/// folder's embedded PostgreSQL, the second attaches to it (one server), and both keep documents in the folder's
/// document store (the shared path a NAS gives in a hospital) and read the same data-protection keys from the
/// database. Behind nginx on loopback.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class TwoHosts : IAsyncDisposable
{
    private int disposed;

    private TwoHosts(PrivateHome home, Dictionary<string, string> environment)
    {
        Home = home;
        Environment = environment;
    }

    public PrivateHome Home { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public HostProcess A { get; private set; } = null!;

    public HostProcess B { get; private set; } = null!;

    public string UrlA { get; private set; } = string.Empty;

    public string UrlB { get; private set; } = string.Empty;

    public LoadBalancer Nginx { get; private set; } = null!;

    /// <summary>A hospital system's API key for <c>/api/ingest</c> (made by the <c>import --create-key</c> verb).</summary>
    public string ApiKey { get; private set; } = string.Empty;

    /// <summary>The demo patients as printed by the first host (synthetic NISS): last name → (NISS digits, first name, birth date).</summary>
    public IReadOnlyDictionary<string, (string Niss, DateOnly BirthDate)> Patients { get; private set; } = new Dictionary<string, (string, DateOnly)>();

    public static async Task<TwoHosts> StartAsync()
    {
        var home = new PrivateHome();
        var env = new Dictionary<string, string>
        {
            ["Hap__Demo__Corpus"] = "none",
            ["Hap__Demo__Set"] = "none",
            ["Hap__DataDirectory"] = Path.Combine(home.Root, ".hapdata"),
            // nginx on this machine: its X-Forwarded-For is believed (the audit and the throttles see the client).
            ["Hap__KnownProxies"] = "127.0.0.1",
            // A letter job held by a killed host is visible again after 30 s (the shortest the host allows), not 120.
            ["Hap__Jobs__InvisibilitySeconds"] = "30",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        var hosts = new TwoHosts(home, env);
        try
        {
            await hosts.StartHostsAsync();
            return hosts;
        }
        catch
        {
            await hosts.DisposeAsync();
            throw;
        }
    }

    /// <summary>The owner's connection string of the one PostgreSQL both hosts use.</summary>
    public string ConnectionString => Home.ConnectionString();

    public async Task<(int Exit, string Output)> RunVerbAsync(params string[] arguments)
    {
        await using var verb = HostProcess.Start(Home.Root, Environment, arguments);
        var exit = await verb.WaitForExitAsync();
        return (exit, verb.Output);
    }

    /// <summary>How long each stop step took (for the test's output).</summary>
    public string StopTimings { get; private set; } = string.Empty;

    /// <summary>How long each start-up step took (for the test's output).</summary>
    public string Timings { get; private set; } = string.Empty;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (Nginx is not null)
        {
            await Nginx.DisposeAsync();
        }

        var nginx = clock.Elapsed;
        foreach (var host in new[] { B, A })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        var hosts = clock.Elapsed;
        // The last host out stops the folder's PostgreSQL (its watchdog); the folder goes when the server is gone.
        if (Home.ServerPid is { } pid)
        {
            await PrivateHome.EndsAsync(pid);
        }

        StopTimings = $"nginx {nginx.TotalSeconds:F1} s, hosts {(hosts - nginx).TotalSeconds:F1} s, PostgreSQL {(clock.Elapsed - hosts).TotalSeconds:F1} s";
        Home.Dispose();
    }

    private async Task StartHostsAsync()
    {
        var portA = FreePorts.Next();
        var portB = FreePorts.Next();
        UrlA = $"http://127.0.0.1:{portA}";
        UrlB = $"http://127.0.0.1:{portB}";
        // The first host creates the schema and seeds the demo once; the second starts on a ready database (starting
        // both at once is the migration test's subject, not this one's).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        A = HostProcess.Start(Home.Root, Environment, "--urls", UrlA, "--demo");
        await A.WaitForLineAsync("HapModular is running at " + UrlA);
        var first = clock.Elapsed;
        Patients = DemoPatient().Matches(A.Output).ToDictionary(
            m => m.Groups["last"].Value,
            m => (m.Groups["niss"].Value.Replace(".", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal),
                  DateOnly.ParseExact(m.Groups["birth"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
        B = HostProcess.Start(Home.Root, Environment, "--urls", UrlB, "--demo");
        var key = RunVerbAsync("import", "--create-key", "scale-out-lab");
        await B.WaitForLineAsync("HapModular is running at " + UrlB);
        var (exit, output) = await key;
        ApiKey = exit == 0 ? ApiKeyLine().Match(output).Groups[1].Value : throw new InvalidOperationException("import --create-key failed:\n" + output);
        Nginx = await LoadBalancer.StartAsync([$"127.0.0.1:{portA}", $"127.0.0.1:{portB}"], FreePorts.Next());
        Timings = $"host A (new cluster, schema, demo) {first.TotalSeconds:F0} s, then host B and the API key {(clock.Elapsed - first).TotalSeconds:F0} s";
    }

    [GeneratedRegex(@"^\s*\S+ (?<last>\S+), born (?<birth>\d{4}-\d{2}-\d{2}), NISS (?<niss>[0-9.\-]+)\.?$", RegexOptions.Multiline)]
    private static partial Regex DemoPatient();

    [GeneratedRegex(@"API key for scale-out-lab \(shown once\): (\S+)")]
    private static partial Regex ApiKeyLine();
}
