namespace HapModular.Dicom.Metamorphic.Tests;

/// <summary>Finds ../shared/corpus (beside the checkout) and the repository root from the test's working folder.</summary>
internal static class Corpus
{
    public static string Root { get; } = Find(dir => Path.Combine(dir, "shared", "corpus"), Directory.Exists);

    public static string RepoRoot { get; } = Find(dir => dir, dir => File.Exists(Path.Combine(dir, "HapModular.sln")));

    private static string Find(Func<string, string> candidate, Func<string, bool> exists)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (exists(candidate(dir.FullName)))
            {
                return candidate(dir.FullName);
            }
        }

        throw new DirectoryNotFoundException("not found above " + AppContext.BaseDirectory);
    }
}
