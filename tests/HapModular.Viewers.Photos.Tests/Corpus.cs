namespace HapModular.Viewers.Photos.Tests;

/// <summary>Finds ../shared (beside the checkout) from the test's working folder.</summary>
internal static class Corpus
{
    public static string Shared { get; } = FindShared();

    public static string Photo(string name) => Path.Combine(Shared, "corpus", "photos", name);

    public static byte[] Read(string name) => File.ReadAllBytes(Photo(name));

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
