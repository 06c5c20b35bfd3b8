using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace HapModular.EmbeddedPostgres;

/// <summary>Runs PostgreSQL's tools, through <c>runuser -u postgres</c> when we are root.</summary>
internal sealed class PgCommandRunner(string binDirectory, bool asRoot, ILogger logger)
{
    public string BinDirectory => binDirectory;

    public bool AsRoot => asRoot;

    /// <summary>
    /// Runs a tool to its end. Deliberately not cancellable: an initdb or pg_ctl cut in the middle leaves a half-made
    /// cluster or a server nobody stops; callers check their token between steps instead (each takes about a second).
    /// </summary>
    public async Task RunAsync(string tool, IReadOnlyList<string> arguments, bool allowFailure = false)
    {
        var psi = Command(Path.Combine(binDirectory, tool), arguments);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start " + tool);
        // pg_ctl start leaves the server holding inherited pipes; read to end only what the tool itself writes.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(CancellationToken.None);
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

    /// <summary>Whether the server user can enter this folder (a private home, mode 0700, it cannot).</summary>
    public bool ServerUserCanEnter(string directory)
    {
        if (!asRoot)
        {
            return true;
        }

        using var probe = Process.Start(Command("/bin/sh", ["-c", "cd \"$1\"", "probe", directory]))!;
        probe.StandardOutput.ReadToEnd();
        probe.StandardError.ReadToEnd();
        probe.WaitForExit();
        return probe.ExitCode == 0;
    }

    /// <summary>Gives folders and files to the postgres user when we are root; the first one gets mode 0700.</summary>
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

    private ProcessStartInfo Command(string exe, IEnumerable<string> arguments)
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The tools run as postgres, who may not enter our working folder (a private home): initdb then fails
            // with "could not change directory". The root folder everyone can enter.
            WorkingDirectory = "/",
        };
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

        return psi;
    }

    private static async Task<string> WithTimeout(Task<string> read)
    {
        var done = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(2)));
        return done == read ? await read : string.Empty;
    }
}
