using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace HapModular.ArchitectureTests;

/// <summary>Reads an assembly's compile-time references from its metadata, without loading it.</summary>
internal static class AssemblyReferences
{
    public static IReadOnlyList<string> Of(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
    }

    public static string PathOf(string assemblyName) => Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");

    /// <summary>References of <paramref name="path"/> not matching any allowed prefix (exact names or "Prefix.*").</summary>
    public static IReadOnlyList<string> Violations(string path, params string[] allowed) =>
        Of(path).Where(r => !allowed.Any(a => a.EndsWith(".*", StringComparison.Ordinal)
            ? r.StartsWith(a[..^1], StringComparison.Ordinal) || r == a[..^2]
            : r == a)).ToList();
}
