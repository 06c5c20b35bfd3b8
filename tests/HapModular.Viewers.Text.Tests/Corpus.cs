namespace HapModular.Viewers.Text.Tests;

/// <summary>Finds ../shared (beside the checkout) from the test's working folder.</summary>
internal static class Corpus
{
    public static string Shared { get; } = FindShared();

    public static string Seed => Path.Combine(Shared, "seed", "communique-chu-ambroise-pare-2007.txt");

    public static string Document(string relative) => Path.Combine(Shared, "corpus", "documents", relative);

    public static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Shared, "corpus", "documents", folder)).Order(StringComparer.Ordinal);

    private static string FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus");
            if (Directory.Exists(candidate))
            {
                return Path.Combine(dir.FullName, "shared");
            }
        }

        throw new DirectoryNotFoundException("../shared/corpus not found above " + AppContext.BaseDirectory);
    }
}
