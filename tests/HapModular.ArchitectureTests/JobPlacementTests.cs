using System.Reflection;

namespace HapModular.ArchitectureTests;

/// <summary>
/// One use case per folder: a background job lives with its use case, not among the pages that queue it. A job is a
/// type named *Job or one whose methods carry Hangfire's job attributes (retries, one at a time, queue).
/// </summary>
public sealed class JobPlacementTests
{
    public static readonly TheoryData<string> Modules = ModuleBoundaryTests.Modules;

    [Theory]
    [MemberData(nameof(Modules))]
    public void No_background_job_sits_under_Pages(string module)
    {
        var assembly = Assembly.LoadFrom(AssemblyReferences.PathOf("HapModular.Modules." + module));
        Assert.Empty(JobsUnderPages(assembly.GetTypes()));
    }

    [Fact]
    public void The_rule_flags_a_job_in_a_pages_namespace() =>
        Assert.Equal([typeof(Pages.Sample.SampleJob).FullName], JobsUnderPages(typeof(JobPlacementTests).Assembly.GetTypes()));

    private static List<string?> JobsUnderPages(IEnumerable<Type> types) => types
        .Where(t => t.Namespace?.Split('.').Contains("Pages") == true && IsJob(t))
        .Select(t => t.FullName)
        .ToList();

    private static bool IsJob(Type type) =>
        (type.Name.EndsWith("Job", StringComparison.Ordinal) && !type.Name.StartsWith('<'))
        || type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.DeclaredOnly)
            .Any(m => m.GetCustomAttributes().Any(a => a.GetType().Namespace?.StartsWith("Hangfire", StringComparison.Ordinal) == true));
}
