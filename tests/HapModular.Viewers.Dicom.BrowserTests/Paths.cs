namespace HapModular.Viewers.Dicom.BrowserTests;

/// <summary>The shared corpus and the screenshots folder (artifacts/screenshots of the checkout).</summary>
internal static class Paths
{
    public static string Corpus { get; } = Find(dir => Path.Combine(dir, "shared", "corpus"), Directory.Exists);

    public static string Screenshot(string name)
    {
        var root = Find(dir => Path.Combine(dir, "HapModular.sln"), File.Exists);
        var folder = Path.Combine(Path.GetDirectoryName(root)!, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    private static string Find(Func<string, string> candidate, Func<string, bool> exists)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = candidate(dir.FullName);
            if (exists(path))
            {
                return path;
            }
        }

        throw new DirectoryNotFoundException("not found above " + AppContext.BaseDirectory);
    }
}
