using System.Globalization;

namespace HapModular.Benchmarks;

/// <summary>CPU time of every <c>postgres</c> (or other named) process on this machine (Linux /proc), in milliseconds.</summary>
internal static class PostgresCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>
    /// The bench cluster's postmaster: when set, only it and its children are counted as PostgreSQL. Why: the machine is
    /// shared, and another run's PostgreSQL (a test suite) was counted as the timeline's database CPU.
    /// </summary>
    public static int? Postmaster { get; set; }

    public static double TotalMs(string command = "postgres")
    {
        double total = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                if (open < 0 || close < 0 || stat[(open + 1)..close] != command)
                {
                    continue;
                }

                // Fields after the command: state is field 3, ppid field 4; utime and stime are fields 14 and 15.
                var fields = stat[(close + 2)..].Split(' ');
                if (command == "postgres" && Postmaster is { } postmaster
                    && dir != $"/proc/{postmaster}" && fields[1] != postmaster.ToString(CultureInfo.InvariantCulture))
                {
                    continue;
                }

                total += (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 1000 / TicksPerSecond;
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return total;
    }
}
