namespace HapModular.EmbeddedPostgres;

/// <summary>
/// The processes using a cluster: one file per user in <c>{cluster}.users/</c>, named <c>{pid}.{random}</c> and holding
/// the process's start time (so a reused pid is not mistaken for a live user) and what it runs. The last user out
/// stops the server — in <see cref="ClusterWatchdog"/>, which also runs when a user dies without cleaning up.
/// </summary>
internal sealed class ClusterUsers(string cluster)
{
    public string Directory { get; } = cluster + ".users";

    public string Add()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, $"{Environment.ProcessId}.{Guid.NewGuid():N}");
        File.WriteAllText(path, StartTime(Environment.ProcessId) + "\n" + Describe() + "\n");
        return path;
    }

    /// <summary>Live users other than this process, e.g. "pid 4242 (HapModular.Host --demo)".</summary>
    public IReadOnlyList<string> OtherLiveUsers()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var live = new List<string>();
        foreach (var file in System.IO.Directory.GetFiles(Directory))
        {
            var name = Path.GetFileName(file);
            var lines = File.ReadAllLines(file);
            if (int.TryParse(name.Split('.')[0], out var pid) && pid != Environment.ProcessId && lines.Length > 0 && StartTime(pid) == lines[0])
            {
                live.Add($"pid {pid} ({(lines.Length > 1 ? lines[1] : "?")})");
            }
        }

        return live;
    }

    /// <summary>Field 22 of /proc/PID/stat (start time in clock ticks since boot), or empty when the process is gone.</summary>
    public static string StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 ? fields[19] : string.Empty;
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    // The program and its verb only: later arguments may be a patient's NISS.
    private static string Describe()
    {
        var args = Environment.GetCommandLineArgs();
        var program = Path.GetFileNameWithoutExtension(args.FirstOrDefault() ?? "?");
        var verb = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--urls", StringComparison.Ordinal) && a.Length > 0 && char.IsLetter(a.TrimStart('-')[0]) && !a.Contains('/', StringComparison.Ordinal));
        return verb is null ? program : program + " " + verb;
    }
}
