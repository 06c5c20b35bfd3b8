using System.Diagnostics;
using HapModular.EmbeddedPostgres;
using Npgsql;

namespace HapModular.Host.Database;

/// <summary>
/// <c>HapModular.Host with-database -- COMMAND ARGS…</c>: runs COMMAND with the portal's PostgreSQL in the libpq
/// environment (<c>PGHOST</c>, <c>PGPORT</c>, <c>PGUSER</c>, <c>PGPASSWORD</c>, <c>PGDATABASE</c>; the owner, as the
/// host's start-up uses it), the server's binaries first on <c>PATH</c> (pg_dump of the server's version) and the
/// data folder's paths (<c>HAP_DATA_DIRECTORY</c>, <c>HAP_BLOB_DIRECTORY</c>, <c>HAP_AUDIT_CHECKPOINT_FILE</c>),
/// resolved from the same settings as the portal. The embedded cluster of the data folder is started or attached to
/// for the command's life only. No module starts, so the database may be empty or missing (build/restore.sh).
/// </summary>
internal static class DatabaseShell
{
    public const string Verb = "with-database";

    public static bool IsInvocation(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> RunAsync(string[] args, CancellationToken stop)
    {
        var separator = Array.IndexOf(args, "--");
        if (separator < 0 || separator == args.Length - 1)
        {
            await Console.Error.WriteLineAsync($"usage: {Verb} [SETTINGS…] -- COMMAND [ARGS…]");
            return 2;
        }

        var configuration = WebApplication.CreateBuilder(args[1..separator]).Configuration;
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var dataDirectory = Path.GetFullPath(configuration["Hap:DataDirectory"] ?? ".hapdata");
        Directory.CreateDirectory(dataDirectory);
        var (connectionString, embedded) = await HapDatabase.ResolveAsync(configuration, dataDirectory, loggers.CreateLogger("HapModular.Host"), stop);
        try
        {
            var psi = new ProcessStartInfo(args[separator + 1]) { UseShellExecute = false };
            foreach (var argument in args[(separator + 2)..])
            {
                psi.ArgumentList.Add(argument);
            }

            var db = new NpgsqlConnectionStringBuilder(connectionString);
            psi.Environment["PGHOST"] = db.Host;
            psi.Environment["PGPORT"] = db.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            psi.Environment["PGUSER"] = db.Username;
            psi.Environment["PGPASSWORD"] = db.Password;
            psi.Environment["PGDATABASE"] = db.Database;
            psi.Environment["PGSSLMODE"] = db.SslMode switch { SslMode.Disable => "disable", SslMode.Require => "require", SslMode.VerifyCA => "verify-ca", SslMode.VerifyFull => "verify-full", _ => "prefer" };
            if (PostgresBinaries.Find() is { } bin)
            {
                psi.Environment["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
            }

            psi.Environment["HAP_DATA_DIRECTORY"] = dataDirectory;
            // The host's blob store and the audit module's checkpoint file (see HapHost and AuditCheckpoints).
            psi.Environment["HAP_BLOB_DIRECTORY"] = Path.Combine(dataDirectory, "blobs");
            psi.Environment["HAP_AUDIT_CHECKPOINT_FILE"] = configuration["Hap:Audit:CheckpointFile"] is { Length: > 0 } checkpoints
                ? Path.GetFullPath(checkpoints)
                : Path.Combine(dataDirectory, "audit", "checkpoints.log");
            using var child = Process.Start(psi) ?? throw new InvalidOperationException("Could not start " + psi.FileName);
            try
            {
                await child.WaitForExitAsync(stop);
                return child.ExitCode;
            }
            catch (OperationCanceledException)
            {
                // The signal reached the command too (same process group); a command that ignores it is ended here.
                if (!child.WaitForExit(TimeSpan.FromSeconds(10)))
                {
                    child.Kill(entireProcessTree: true);
                }

                return Composition.HostCommands.Interrupted;
            }
        }
        finally
        {
            if (embedded is not null)
            {
                await embedded.DisposeAsync();
            }
        }
    }
}
