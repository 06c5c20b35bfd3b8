using HapModular.Viewers;

namespace HapModular.Modules.Shared;

/// <summary>The viewer plugins the host loaded, as modules see them (ingestion inspection, rendering).</summary>
public interface IViewerCatalog
{
    /// <summary>The best-matching active viewer for a document, or null when none applies.</summary>
    IViewer? FindViewer(DocumentMetadata metadata);

    /// <summary>The plugin id that provides a viewer (for client-module URLs).</summary>
    string? PluginIdOf(IViewer viewer);
}
