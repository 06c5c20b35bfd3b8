namespace HapModular.Viewers;

/// <summary>
/// The entry point of a plugin assembly. The host creates it with its public parameterless constructor
/// (the type is named by <c>plugin.json</c> or found as the only implementation in the entry assembly).
/// </summary>
public interface IViewerPlugin
{
    /// <summary>Creates the viewers this plugin offers. Called once, at start-up.</summary>
    /// <param name="context">Where the plugin lives and its settings.</param>
    /// <returns>The plugin's viewers; may be empty.</returns>
    IReadOnlyList<IViewer> CreateViewers(PluginContext context);
}

/// <summary>What the host tells a plugin when it starts it.</summary>
/// <param name="PluginDirectory">The plugin's own folder (holds <c>plugin.json</c> and its assemblies).</param>
/// <param name="Settings">Plugin settings from the host configuration (<c>Plugins:{id}:*</c>); never secrets of other modules.</param>
public sealed record PluginContext(string PluginDirectory, IReadOnlyDictionary<string, string> Settings);
