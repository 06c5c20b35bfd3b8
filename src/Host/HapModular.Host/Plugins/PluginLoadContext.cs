using System.Reflection;
using System.Runtime.Loader;

namespace HapModular.Host.Plugins;

/// <summary>
/// One load context per plugin: the plugin's own dependencies come from its folder; the SDK and the framework
/// come from the host, so that <c>IViewer</c> is the same type on both sides.
/// </summary>
internal sealed class PluginLoadContext(string entryAssemblyPath) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(entryAssemblyPath), isCollectible: false)
{
    private readonly AssemblyDependencyResolver resolver = new(entryAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName.Name))
        {
            return null;
        }

        var path = resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    private static bool IsShared(string? name) =>
        name is not null && (name == "HapModular.Viewers.Abstractions" || name.StartsWith("System.", StringComparison.Ordinal) ||
                             name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || name is "System" or "netstandard" or "mscorlib");
}
