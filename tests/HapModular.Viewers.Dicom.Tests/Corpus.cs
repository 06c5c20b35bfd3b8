namespace HapModular.Viewers.Dicom.Tests;

/// <summary>Finds ../shared/corpus (beside the checkout) from the test's working folder.</summary>
internal static class Corpus
{
    public static string Root { get; } = FindCorpus();

    public static string Dicom(string name) => Path.Combine(Root, "dicom", name + ".dcm");

    public static ViewerContent Load(string name, string? sopClass = null) =>
        new(new DocumentMetadata("application/dicom", name + ".dcm", sopClass), File.ReadAllBytes(Dicom(name)));

    private static string FindCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("../shared/corpus not found above " + AppContext.BaseDirectory);
    }
}
