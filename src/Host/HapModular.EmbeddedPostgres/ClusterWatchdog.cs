using System.Diagnostics;

namespace HapModular.EmbeddedPostgres;

/// <summary>
/// A small process outside ours (own session, so Ctrl-C does not reach it) that waits for the end of its standard
/// input: our end of the pipe closes when we leave — by <see cref="LeaveAsync"/>, a normal exit, a crash or SIGKILL.
/// It then removes our entry from the cluster's users and, when no live user remains, stops the server (fast
/// shutdown, data kept) under the cluster lock. One implementation of "the last user out stops the server", for a
/// clean stop and for a dead process alike.
/// </summary>
internal sealed class ClusterWatchdog
{
    private const string Script = """
        dir=$1; users=$2; me=$3; bin=$4; asroot=$5; delete=$6
        cat >/dev/null 2>&1
        exec 9>>"$dir.lock"; flock 9
        rm -f "$me"
        live=""
        for f in "$users"/*; do
          [ -e "$f" ] || continue
          p=${f##*/}; p=${p%%.*}; want=$(head -n1 "$f")
          s=$(cat "/proc/$p/stat" 2>/dev/null) || s=""
          if [ -n "$s" ]; then s=${s##*) }; set -- $s; if [ "${20}" = "$want" ]; then live="$live $p"; continue; fi; fi
          rm -f "$f"
        done
        if [ -n "$live" ]; then echo "left running for pid$live"; exit 0; fi
        if [ -f "$dir/postmaster.pid" ]; then
          if [ "$asroot" = 1 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1
          else "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1; fi
        fi
        if [ "$delete" = 1 ]; then rm -rf "$dir" "$dir.password" "$users"; fi
        echo stopped
        """;

    private readonly Process process;

    private ClusterWatchdog(Process process) => this.process = process;

    public static ClusterWatchdog Start(string cluster, string usersDirectory, string userFile, PgCommandRunner runner, bool deleteOnStop)
    {
        var psi = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (var a in new[] { "bash", "-c", Script, "hap-pg-watchdog", cluster, usersDirectory, userFile, runner.BinDirectory, runner.AsRoot ? "1" : "0", deleteOnStop ? "1" : "0" })
        {
            psi.ArgumentList.Add(a);
        }

        return new ClusterWatchdog(Process.Start(psi) ?? throw new InvalidOperationException("Could not start the PostgreSQL watchdog (setsid, bash)."));
    }

    /// <summary>Closes our end of the pipe and waits for the watchdog's verdict ("stopped" or "left running for pid …").</summary>
    public async Task<string> LeaveAsync()
    {
        process.StandardInput.Close();
        var verdict = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.Dispose();
        return verdict.Trim();
    }
}
