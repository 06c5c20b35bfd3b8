using System.Text.Json;

namespace HapModular.Host.Plugins;

/// <summary>A plugin folder's <c>plugin.json</c>.</summary>
internal sealed record PluginManifest(string Id, string? Name, string? Version, string TargetAbi, string EntryAssembly, string? EntryType)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    public static PluginManifest Read(string path)
    {
        var manifest = JsonSerializer.Deserialize<PluginManifest>(File.ReadAllText(path), Options)
            ?? throw new InvalidDataException("plugin.json is empty");
        if (string.IsNullOrWhiteSpace(manifest.Id) || string.IsNullOrWhiteSpace(manifest.EntryAssembly) || string.IsNullOrWhiteSpace(manifest.TargetAbi))
        {
            throw new InvalidDataException("plugin.json must name id, targetAbi and entryAssembly");
        }

        if (manifest.Id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')) || manifest.EntryAssembly.Contains('/', StringComparison.Ordinal) || manifest.EntryAssembly.Contains('\\', StringComparison.Ordinal))
        {
            throw new InvalidDataException("plugin.json id or entryAssembly has characters that are not allowed");
        }

        return manifest;
    }
}
