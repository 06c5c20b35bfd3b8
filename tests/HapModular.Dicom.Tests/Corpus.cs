using System.Text.Json;

namespace HapModular.Dicom.Tests;

/// <summary>Finds ../shared/corpus (beside the checkout) from the test's working folder and reads its manifest.</summary>
internal static class Corpus
{
    public static string Root { get; } = FindCorpus();

    public static string Dicom => Path.Combine(Root, "dicom");

    public static string Reference => Path.Combine(Root, "dicom", "reference");

    public static string File(string name) => Path.Combine(Dicom, name.EndsWith(".dcm", StringComparison.Ordinal) ? name : name + ".dcm");

    public static IReadOnlyList<ManifestEntry> DicomEntries { get; } = LoadManifest();

    public static IEnumerable<object[]> DicomNames() => DicomEntries.Select(e => new object[] { e.Name });

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

    private static List<ManifestEntry> LoadManifest()
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(Root, "manifest.json")));
        var list = new List<ManifestEntry>();
        foreach (var f in doc.RootElement.GetProperty("files").EnumerateArray())
        {
            var path = f.GetProperty("path").GetString() ?? string.Empty;
            if (!path.StartsWith("dicom/", StringComparison.Ordinal) || !path.EndsWith(".dcm", StringComparison.Ordinal))
            {
                continue;
            }

            string S(string name) => f.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? string.Empty : string.Empty;
            list.Add(new ManifestEntry(
                Path.GetFileNameWithoutExtension(path),
                S("ts"),
                S("options"),
                f.TryGetProperty("rendered", out var r) && r.ValueKind == JsonValueKind.True,
                S("rows"),
                S("columns"),
                S("frames"),
                S("photometric"),
                f.TryGetProperty("has_pixels", out var hp) && hp.ValueKind == JsonValueKind.True));
        }

        return list;
    }
}

internal sealed record ManifestEntry(string Name, string TransferSyntax, string Options, bool Rendered, string Rows, string Columns, string Frames, string Photometric, bool HasPixels);
