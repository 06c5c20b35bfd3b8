using System.Globalization;

namespace HapModular.EmbeddedPostgres;

/// <summary>The server's <c>postmaster.pid</c>: line 1 its pid, line 4 its port, line 8 its status ("ready").</summary>
internal sealed record PostmasterPid(int Pid, int Port)
{
    /// <summary>The running, ready server of this cluster, or null (no file, a dead pid, not ready).</summary>
    public static PostmasterPid? ReadRunning(string cluster)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(Path.Combine(cluster, "postmaster.pid"));
        }
        catch (IOException)
        {
            return null;
        }

        if (lines.Length < 8
            || !int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !int.TryParse(lines[3], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || lines[7].Trim() != "ready"
            || ClusterUsers.StartTime(pid).Length == 0)
        {
            return null;
        }

        return new PostmasterPid(pid, port);
    }
}
