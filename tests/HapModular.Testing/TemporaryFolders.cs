namespace HapModular.Testing;

/// <summary>Deletes a test's temporary folder without letting a late writer fail the test class.</summary>
internal static class TemporaryFolders
{
    /// <summary>
    /// Deletes <paramref name="path"/>. A recursive delete fails with "Directory not empty" when something creates a file
    /// while it runs; the folder is then deleted again, and if it still cannot be, what was left is recorded in
    /// <c>hap-tests/cleanup-failures.log</c> (the folder is temporary: leaving it must not turn a passing run red, as it
    /// did in CI — "Test Class Cleanup Failure … IOException" with every test passed).
    /// </summary>
    public static void Delete(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException e) when (attempt < 3)
            {
                Record(path, e);
            }
            catch (IOException e)
            {
                Record(path, e);
                return;
            }
        }
    }

    private static void Record(string path, IOException e)
    {
        var left = Directory.Exists(path)
            ? string.Join(", ", Directory.EnumerateFileSystemEntries(path, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(path, p)))
            : "(gone)";
        var log = Path.Combine(Path.GetTempPath(), "hap-tests", "cleanup-failures.log");
        File.AppendAllText(log, $"{DateTimeOffset.UtcNow:O} {path}: {e.Message} left: {left}{Environment.NewLine}");
    }
}
