using HapModular.Viewers;

namespace HapModular.Host.Plugins;

/// <summary>Loads a plugin's entry assembly in its own context and asks its entry point for viewers.</summary>
internal static class PluginActivator
{
    public static IReadOnlyList<IViewer> CreateViewers(string dir, PluginManifest manifest, IConfiguration configuration)
    {
        var entryPath = Path.Combine(dir, manifest.EntryAssembly);
        if (!File.Exists(entryPath))
        {
            throw new FileNotFoundException("Entry assembly not found in the plugin folder: " + manifest.EntryAssembly);
        }

        var context = new PluginLoadContext(entryPath);
        var assembly = context.LoadFromAssemblyPath(entryPath);
        var entryTypes = manifest.EntryType is not null
            ? [assembly.GetType(manifest.EntryType, throwOnError: true)!]
            : assembly.GetExportedTypes().Where(t => typeof(IViewerPlugin).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }).ToArray();
        if (entryTypes.Length != 1)
        {
            throw new InvalidOperationException($"Expected exactly one public IViewerPlugin in {manifest.EntryAssembly}, found {entryTypes.Length}.");
        }

        var plugin = (IViewerPlugin)Activator.CreateInstance(entryTypes[0])!;
        var settings = configuration.GetSection("Plugins:" + manifest.Id).AsEnumerable(makePathsRelative: true)
            .Where(kv => kv.Value is not null)
            .ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.OrdinalIgnoreCase);
        var viewers = plugin.CreateViewers(new PluginContext(dir, settings));
        foreach (var viewer in viewers)
        {
            ArgumentNullException.ThrowIfNull(viewer.Descriptor, "viewer descriptor");
        }

        return viewers;
    }
}
