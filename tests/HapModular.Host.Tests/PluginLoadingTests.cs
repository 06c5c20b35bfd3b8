using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using HapModular.Testing;

namespace HapModular.Host.Tests;

/// <summary>Plugins dropped into a plugins folder at run time, a plugin for another ABI, and a broken one.</summary>
public sealed class PluginLoadingTests(PluginLoadingTests.Factory factory) : IClassFixture<PluginLoadingTests.Factory>
{
    public sealed class Factory : HapAppFactory
    {
        public string PluginsPath { get; } = Path.Combine(Path.GetTempPath(), "hap-tests", "plugins-" + Guid.NewGuid().ToString("N"));

        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Hap:PluginsPath", PluginsPath)];

        // Why a plugin failed is shown to admins only.
        protected override bool UseTestAuthentication => true;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            // The first-party text plugin, as shipped.
            CopyFolder(Path.Combine(AppContext.BaseDirectory, "plugins", "text"), Path.Combine(PluginsPath, "text"));
            // A hospital's own plugin, built separately and never referenced by the host.
            var sampleDir = typeof(PluginLoadingTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SamplePluginDir").Value!;
            var drop = Path.Combine(PluginsPath, "sample-csv");
            Directory.CreateDirectory(drop);
            foreach (var name in new[] { "HapModular.SampleViewerPlugin.dll", "HapModular.SampleViewerPlugin.deps.json", "plugin.json" })
            {
                File.Copy(Path.Combine(sampleDir, name), Path.Combine(drop, name));
            }

            // Built for a future ABI: must be refused, not loaded.
            var future = Path.Combine(PluginsPath, "future");
            CopyFolder(drop, future);
            File.WriteAllText(Path.Combine(future, "plugin.json"), """{ "id": "future.viewer", "version": "9.0.0", "targetAbi": "2.0", "entryAssembly": "HapModular.SampleViewerPlugin.dll" }""");

            // Its assembly is not a .NET assembly at all.
            var broken = Path.Combine(PluginsPath, "broken");
            Directory.CreateDirectory(broken);
            File.WriteAllText(Path.Combine(broken, "plugin.json"), """{ "id": "broken.viewer", "version": "1.0.0", "targetAbi": "1.0", "entryAssembly": "Broken.dll" }""");
            File.WriteAllBytes(Path.Combine(broken, "Broken.dll"), [0x4d, 0x5a, 0x00, 0x01, 0x02]);
        }

        private static void CopyFolder(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(to, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
        }
    }

    [Fact]
    public async Task A_plugin_dropped_into_the_folder_is_loaded_without_recompiling_the_host()
    {
        var plugins = await ListAsync();
        var sample = Assert.Single(plugins, p => p.Id == "sample.csv");
        Assert.Equal("Active", sample.Status);
        Assert.Equal("Sample CSV table", Assert.Single(sample.Viewers).DisplayName);
        Assert.Equal("Active", Assert.Single(plugins, p => p.Id == "hapmodular.text").Status);
    }

    [Fact]
    public async Task A_plugin_for_another_abi_is_not_supported_and_the_host_keeps_serving()
    {
        var plugins = await ListAsync();
        var future = Assert.Single(plugins, p => p.Id == "future.viewer");
        Assert.Equal("NotSupported", future.Status);
        Assert.Contains("2.0", future.Reason, StringComparison.Ordinal);
        Assert.Empty(future.Viewers);

        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_broken_plugin_is_reported_malfunctioned()
    {
        var broken = Assert.Single(await ListAsync(), p => p.Id == "broken.viewer");
        Assert.Equal("Malfunctioned", broken.Status);
        Assert.False(string.IsNullOrWhiteSpace(broken.Reason));
    }

    [Fact]
    public async Task Anonymous_callers_see_statuses_but_not_why_a_plugin_failed()
    {
        var broken = Assert.Single(await ListAsync(asAdmin: false), p => p.Id == "broken.viewer");
        Assert.Equal("Malfunctioned", broken.Status);
        Assert.Null(broken.Reason);
    }

    private async Task<List<PluginDto>> ListAsync(bool asAdmin = true)
    {
        using var client = factory.CreateClient();
        if (asAdmin)
        {
            client.As(new TestUser(Guid.NewGuid(), [HapModular.SharedKernel.Roles.Admin]));
        }

        return (await client.GetFromJsonAsync<List<PluginDto>>(new Uri("/api/viewers", UriKind.Relative)))!;
    }

    internal sealed record PluginDto(string Id, string Status, string? Reason, List<ViewerDto> Viewers);

    internal sealed record ViewerDto(string Id, string DisplayName);
}
