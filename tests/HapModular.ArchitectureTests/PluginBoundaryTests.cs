using NetArchTest.Rules;

namespace HapModular.ArchitectureTests;

/// <summary>The viewer SDK stays framework-free; plugins see only the SDK (and their own libraries).</summary>
public sealed class PluginBoundaryTests
{
    private static readonly string[] Forbidden = ["Microsoft.AspNetCore", "Marten", "MediatR", "Npgsql", "Autofac", "Hangfire", "HapModular.Modules", "HapModular.Host"];

    public static TheoryData<string> PluginAssemblies()
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(AppContext.BaseDirectory, "plugins");
        foreach (var dir in Directory.GetDirectories(root))
        {
            var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "plugin.json")));
            data.Add(Path.Combine(dir, manifest.RootElement.GetProperty("entryAssembly").GetString()!));
        }

        return data;
    }

    [Fact]
    public void The_sdk_depends_on_no_web_storage_or_mediator_framework()
    {
        var result = Types.InAssembly(typeof(HapModular.Viewers.IViewer).Assembly).ShouldNot().HaveDependencyOnAny(Forbidden).GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
        Assert.Empty(AssemblyReferences.Violations(typeof(HapModular.Viewers.IViewer).Assembly.Location, "System.*", "netstandard"));
    }

    [Theory]
    [MemberData(nameof(PluginAssemblies))]
    public void A_plugin_depends_on_the_sdk_not_on_the_host_or_modules(string entryAssembly)
    {
        var references = AssemblyReferences.Of(entryAssembly);
        Assert.Contains("HapModular.Viewers.Abstractions", references);
        Assert.DoesNotContain(references, r => Forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_sdk_rule_fails_on_a_type_that_depends_on_a_forbidden_framework()
    {
        var result = Types.InAssembly(typeof(HapModular.Modules.Audit.AuditModule).Assembly).ShouldNot().HaveDependencyOnAny(Forbidden).GetResult();
        Assert.False(result.IsSuccessful);
    }
}
