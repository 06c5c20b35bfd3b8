using System.Text.RegularExpressions;

namespace HapModular.ArchitectureTests;

/// <summary>
/// The host builds the project's own transients (handlers, behaviours) by a compiled constructor call instead of an
/// Autofac resolve operation (HapModular.Host's TransientFactories). That call is Autofac's only while no registration
/// of the project's types configures constructor parameters, properties, a constructor choice or activation handlers:
/// one that did would be silently ignored. Such a registration must first teach TransientFactories to leave it alone.
/// </summary>
public sealed partial class RegistrationStyleTests
{
    [Fact]
    public void No_registration_configures_what_a_compiled_constructor_call_would_skip()
    {
        var root = FindRepoRoot();
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => Configuring().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetRelativePath(root, f)}: {m.Value}"))
            .ToList();
        Assert.Empty(offenders);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HapModular.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("HapModular.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\.(WithParameters?|WithProperty|WithProperties|PropertiesAutowired|UsingConstructor|FindConstructorsWith|OnActivating|OnActivated|OnPreparing|OnRelease|ConfigurePipeline)\s*[(<]")]
    private static partial Regex Configuring();
}
