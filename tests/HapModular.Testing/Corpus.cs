namespace HapModular.Testing;

/// <summary>The shared corpus beside the checkout (../shared/corpus), found by walking up from the test binaries.</summary>
public static class Corpus
{
    /// <summary>The <c>shared</c> folder.</summary>
    public static string Shared { get; } = FindShared();

    /// <summary>The corpus root.</summary>
    public static string Root => Path.Combine(Shared, "corpus");

    /// <summary>A corpus file by relative path, e.g. <c>dicom/ct_implicit_le_16bit_signed_rescale.dcm</c>.</summary>
    public static string File(string relative) => Path.Combine(Root, relative);

    /// <summary>The repository root (holds HapModular.sln).</summary>
    public static string RepoRoot { get; } = FindUp("HapModular.sln") ?? throw new DirectoryNotFoundException("HapModular.sln not found above " + AppContext.BaseDirectory);

    private static string FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "shared", "corpus")))
            {
                return Path.Combine(dir.FullName, "shared");
            }
        }

        throw new DirectoryNotFoundException("../shared/corpus not found above " + AppContext.BaseDirectory);
    }

    private static string? FindUp(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, file)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
