namespace HapModular.EmbeddedPostgres;

/// <summary>Finds a folder holding initdb, pg_ctl and postgres: PATH first, then Debian's /usr/lib/postgresql/*/bin.</summary>
public static class PostgresBinaries
{
    private static readonly string[] Required = ["initdb", "pg_ctl", "postgres"];

    /// <summary>The message shown when no binaries are found.</summary>
    public const string MissingMessage =
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found on PATH or in /usr/lib/postgresql/*/bin. " +
        "Install them (Debian/Ubuntu: sudo apt-get install -y postgresql) or set ConnectionStrings:Hap to an existing server.";

    /// <summary>The binaries folder, or null when PostgreSQL is not installed.</summary>
    public static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasAll(dir))
            {
                return dir;
            }
        }

        const string debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian))
        {
            return null;
        }

        // Newest major version first.
        return Directory.GetDirectories(debian)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault(HasAll);
    }

    private static bool HasAll(string dir) => Required.All(name => File.Exists(Path.Combine(dir, name)));
}
