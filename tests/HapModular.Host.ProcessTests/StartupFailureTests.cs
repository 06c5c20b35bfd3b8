using HapModular.Testing;

namespace HapModular.Host.ProcessTests;

/// <summary>
/// A host that cannot start (here: its configured PostgreSQL does not answer, as when a migration cannot run) says why
/// in one line and exits 1 — what a service manager and an operator read — instead of crashing with an unhandled
/// exception (exit 134, a core dump), and never prints the connection's password.
/// </summary>
[Collection(HostProcessCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class StartupFailureTests
{
    [Fact]
    public async Task A_host_whose_database_does_not_answer_exits_1_with_the_reason_and_no_password()
    {
        using var home = new PrivateHome();
        const string password = "Never-Printed-Secret-42";
        var closedPort = FreePorts.Next();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Hap"] = $"Host=127.0.0.1;Port={closedPort};Database=hap;Username=hap_owner;Password={password};Timeout=3",
        };

        await using var host = HostProcess.Start(home.Root, environment, "--urls", $"http://127.0.0.1:{FreePorts.Next()}");

        Assert.Equal(1, await host.WaitForExitAsync());
        Assert.Contains("HapModular could not start", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", host.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("HapModular is running at", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_Development_a_host_without_its_public_address_refuses_to_start_and_names_the_setting()
    {
        // Reset links are never built from the request's Host header (Security.Tests/ResetLinkPoisoningTests), so a
        // production host without Hap:PublicBaseUrl must not start at all. Everything else it requires is configured.
        using var home = new PrivateHome();
        var zeros = Convert.ToBase64String(new byte[32]);
        var environment = new Dictionary<string, string>
        {
            ["Hap__PublicBaseUrl"] = string.Empty,
            ["Identity__PublicBaseUrl"] = string.Empty,
            ["Records__NissKey"] = zeros,
            ["Hap__DataProtection__Key"] = zeros,
            ["Hap__Audit__Key"] = zeros,
        };

        await using var host = HostProcess.Start(home.Root, environment, "--urls", $"http://127.0.0.1:{FreePorts.Next()}");

        Assert.Equal(1, await host.WaitForExitAsync());
        Assert.Contains("HapModular could not start", host.Output, StringComparison.Ordinal);
        Assert.Contains("Hap:PublicBaseUrl is not configured", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("HapModular is running at", host.Output, StringComparison.Ordinal);
    }
}
