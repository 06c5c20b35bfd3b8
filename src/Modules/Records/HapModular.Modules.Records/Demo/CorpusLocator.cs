namespace HapModular.Modules.Records.Demo;

/// <summary>Finds <c>shared/corpus</c> by walking up from the given folders (content root, program folder).</summary>
internal static class CorpusLocator
{
    public static string? Find(params string?[] starts)
    {
        foreach (var start in starts.Where(s => !string.IsNullOrEmpty(s)))
        {
            for (var dir = new DirectoryInfo(start!); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "corpus");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
