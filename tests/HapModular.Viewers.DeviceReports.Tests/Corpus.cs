namespace HapModular.Viewers.DeviceReports.Tests;

/// <summary>Finds ../shared (beside the checkout) from the test's working folder.</summary>
internal static class Corpus
{
    public static string Shared { get; } = FindShared();

    public static string Dicom(string name) => Path.Combine(Shared, "corpus", "dicom", name);

    public static string Document(string relative) => Path.Combine(Shared, "corpus", "documents", relative);


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
