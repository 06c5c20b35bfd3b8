using HapModular.Modules.Shared;
using HapModular.Viewers;

namespace HapModular.Host.Plugins;

/// <summary>
/// Loads every folder under the plugins path that holds a <c>plugin.json</c>. A broken or incompatible plugin
/// is recorded with its status and reason; it never stops the host.
/// </summary>
internal sealed class PluginLoader : IViewerCatalog
{
    private readonly Dictionary<IViewer, string> pluginOfViewer = new(ReferenceEqualityComparer.Instance);
    private readonly ILogger logger;

    private PluginLoader(IReadOnlyList<LoadedPlugin> plugins, ILogger logger)
    {
        Plugins = plugins;
        this.logger = logger;
        foreach (var plugin in plugins.Where(p => p.Status == PluginStatus.Active))
        {
            foreach (var viewer in plugin.Viewers)
            {
                pluginOfViewer[viewer] = plugin.Id;
            }
        }
    }

    public IReadOnlyList<LoadedPlugin> Plugins { get; }

    public static string ResolvePath(IConfiguration configuration) =>
        Path.GetFullPath(configuration["Hap:PluginsPath"] ?? Path.Combine(AppContext.BaseDirectory, "plugins"));

    public static PluginLoader LoadAll(string pluginsPath, IConfiguration configuration, ILogger logger)
    {
        var plugins = new List<LoadedPlugin>();
        if (Directory.Exists(pluginsPath))
        {
            foreach (var dir in Directory.GetDirectories(pluginsPath).Order(StringComparer.Ordinal))
            {
                if (File.Exists(Path.Combine(dir, "plugin.json")))
                {
                    plugins.Add(LoadOne(dir, configuration, logger));
                }
            }
        }
        else
        {
            logger.LogWarning("Plugins folder {Path} does not exist: no viewers", pluginsPath);
        }

        foreach (var duplicate in plugins.GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)).ToList())
        {
            plugins[plugins.IndexOf(duplicate)] = duplicate with { Status = PluginStatus.NotSupported, Reason = "Another plugin folder has the same id.", Viewers = [] };
        }

        return new PluginLoader(plugins, logger);
    }

    public IViewer? FindViewer(DocumentMetadata metadata)
    {
        IViewer? best = null;
        var bestScore = MatchScore.None;
        foreach (var viewer in pluginOfViewer.Keys)
        {
            int score;
            try
            {
                score = viewer.Match(metadata);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "Viewer {Viewer} failed to match; ignored", viewer.Descriptor.Id);
                continue;
            }

            if (score > bestScore)
            {
                (best, bestScore) = (viewer, score);
            }
        }

        return best;
    }

    public string? PluginIdOf(IViewer viewer) => pluginOfViewer.GetValueOrDefault(viewer);

    private static LoadedPlugin LoadOne(string dir, IConfiguration configuration, ILogger logger)
    {
        var folderName = Path.GetFileName(dir);
        PluginManifest manifest;
        try
        {
            manifest = PluginManifest.Read(Path.Combine(dir, "plugin.json"));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException)
        {
            logger.LogWarning("Plugin folder {Folder}: unreadable plugin.json ({Reason})", folderName, ex.Message);
            return new LoadedPlugin(folderName, folderName, "?", dir, PluginStatus.NotSupported, "Unreadable plugin.json: " + ex.Message, []);
        }

        var name = manifest.Name ?? manifest.Id;
        var version = manifest.Version ?? "0.0.0";
        if (!Version.TryParse(manifest.TargetAbi, out var abi) || !ViewerAbi.IsCompatible(abi))
        {
            var reason = $"Built for viewer ABI {manifest.TargetAbi}; this host implements {ViewerAbi.Current}.";
            logger.LogWarning("Plugin {Plugin} not supported: {Reason}", manifest.Id, reason);
            return new LoadedPlugin(manifest.Id, name, version, dir, PluginStatus.NotSupported, reason, []);
        }

        try
        {
            var viewers = PluginActivator.CreateViewers(dir, manifest, configuration);
            logger.LogInformation("Plugin {Plugin} {Version} loaded with {Count} viewer(s)", manifest.Id, version, viewers.Count);
            return new LoadedPlugin(manifest.Id, name, version, dir, PluginStatus.Active, null, viewers);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Plugin {Plugin} failed to load", manifest.Id);
            return new LoadedPlugin(manifest.Id, name, version, dir, PluginStatus.Malfunctioned, ex.GetType().Name + ": " + ex.Message, []);
        }
    }
}
