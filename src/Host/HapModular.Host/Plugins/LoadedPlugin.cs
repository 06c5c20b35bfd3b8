using HapModular.Viewers;

namespace HapModular.Host.Plugins;

/// <summary>The host's view of one plugin folder.</summary>
internal sealed record LoadedPlugin(string Id, string Name, string Version, string Directory, PluginStatus Status, string? Reason, IReadOnlyList<IViewer> Viewers)
{
    public string? AssetsDirectory => System.IO.Directory.Exists(Path.Combine(Directory, "wwwroot")) ? Path.Combine(Directory, "wwwroot") : null;
}

/// <summary>Whether a plugin serves.</summary>
internal enum PluginStatus
{
    /// <summary>Loaded; its viewers are used.</summary>
    Active,

    /// <summary>Built for another ABI, or its manifest is unusable: not loaded.</summary>
    NotSupported,

    /// <summary>Loading or starting it failed: not used; the host keeps serving.</summary>
    Malfunctioned,
}
