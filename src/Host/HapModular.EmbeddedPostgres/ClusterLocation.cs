using System.Security.Cryptography;
using System.Text;

namespace HapModular.EmbeddedPostgres;

/// <summary>
/// Where the cluster really lives. As root the server runs as <c>postgres</c>, who cannot enter a private folder
/// (mode 0700, e.g. a checkout in root's home): the cluster then lives under <c>/var/lib/hapmodular/clusters</c>,
/// named after the requested folder, and the requested folder becomes a symbolic link to it, so <c>ls -l</c> shows
/// where the data is.
/// </summary>
internal static class ClusterLocation
{
    public const string RelocationRoot = "/var/lib/hapmodular/clusters";

    public static string Resolve(string requested, PgCommandRunner runner)
    {
        var full = Path.GetFullPath(requested);
        if (Directory.Exists(full) && new DirectoryInfo(full).LinkTarget is not null)
        {
            return Directory.ResolveLinkTarget(full, returnFinalTarget: true)!.FullName;
        }

        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        if (runner.ServerUserCanEnter(parent))
        {
            return full;
        }

        if (File.Exists(Path.Combine(full, "PG_VERSION")))
        {
            throw new InvalidOperationException(
                $"The PostgreSQL cluster in {full} is in a folder the postgres user cannot enter. Give it access (chmod o+x on each parent folder) or move the data folder (Hap:DataDirectory).");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..12];
        var relocated = Path.Combine(RelocationRoot, Path.GetFileName(Path.GetDirectoryName(full)) + "-" + Path.GetFileName(full) + "-" + hash);
        Directory.CreateDirectory(relocated);
        if (Directory.Exists(full))
        {
            Directory.Delete(full, recursive: true);
        }

        Directory.CreateSymbolicLink(full, relocated);
        return relocated;
    }
}
