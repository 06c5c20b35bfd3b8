using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace HapModular.EmbeddedPostgres;

/// <summary>Runs PostgreSQL's tools, through <c>runuser -u postgres</c> when we are root.</summary>
internal sealed class PgCommandRunner(string binDirectory, bool asRoot, ILogger logger)
{
    public async Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool allowFailure = false)
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var exe = Path.Combine(binDirectory, tool);
        if (asRoot)
        {
            psi.FileName = "runuser";
            foreach (var a in new[] { "-u", "postgres", "--", exe })
            {
                psi.ArgumentList.Add(a);
            }
        }
        else
        {
            psi.FileName = exe;
        }

        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start " + tool);
        // pg_ctl start leaves the server holding inherited pipes; read to end only what the tool itself writes.
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var error = await WithTimeout(stderr);
        _ = await WithTimeout(stdout);
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"PostgreSQL {tool} failed (exit {process.ExitCode}): {error.Trim()}");
        }

        if (process.ExitCode != 0)
        {
            logger.LogDebug("PostgreSQL {Tool} exited {Code}", tool, process.ExitCode);
        }
    }

    /// <summary>Gives the cluster folder (and initdb's password file) to the postgres user when we are root.</summary>
    public void GiveToServerUser(params string[] paths)
    {
        if (!asRoot)
        {
            return;
        }

        foreach (var path in paths)
        {
            using var chown = Process.Start("chown", ["-R", "postgres:postgres", path]);
            chown.WaitForExit();
            if (chown.ExitCode != 0)
            {
                throw new InvalidOperationException("Could not give " + path + " to the postgres user (chown failed).");
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(paths[0], UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static async Task<string> WithTimeout(Task<string> read)
    {
        var done = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(2)));
        return done == read ? await read : string.Empty;
    }
}
