using System.Reflection;
using HapModular.Modules.Shared;

namespace HapModular.ArchitectureTests;

/// <summary>
/// internal sealed by default: a module implementation exposes only its front door and what a framework forces
/// to be public (Razor page models and generated views, Marten store marker interfaces).
/// </summary>
public sealed class VisibilityTests
{
    public static readonly TheoryData<string> Modules = ModuleBoundaryTests.Modules;

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_implementations_expose_only_their_front_door_and_framework_forced_types(string module)
    {
        var assembly = Assembly.LoadFrom(AssemblyReferences.PathOf("HapModular.Modules." + module));
        var unexpected = assembly.GetExportedTypes().Where(t => !IsAllowedPublic(t)).Select(t => t.FullName).ToList();
        Assert.Empty(unexpected);
        Assert.Single(assembly.GetExportedTypes(), t => typeof(IModule).IsAssignableFrom(t));
    }

    private static bool IsAllowedPublic(Type t) =>
        typeof(IModule).IsAssignableFrom(t)
        || typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel).IsAssignableFrom(t)
        || typeof(Microsoft.AspNetCore.Mvc.RazorPages.Page).IsAssignableFrom(t)
        || (t.Namespace?.StartsWith("AspNetCoreGeneratedDocument", StringComparison.Ordinal) ?? false)
        || (t.IsInterface && typeof(Marten.IDocumentStore).IsAssignableFrom(t))
        || (t.DeclaringType is not null && IsAllowedPublic(t.DeclaringType));
}
