using System.Diagnostics;

namespace HapModular.Modules.Interop.Tests;

/// <summary>Runs the peers others wrote (dcmtk, mllp_send, Orthanc) and finds free loopback ports.</summary>
internal static class Tools
{
    public static async Task<(int Exit, string Output)> RunAsync(string program, params string[] arguments)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException(program + " did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A bound on a hung peer, not a speed check: the tools finish in well under a second here.
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(bound.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
