namespace HapModular.ArchitectureTests;

/// <summary>Modules talk through Contracts only; Contracts are records over MediatR and the BCL.</summary>
public sealed class ModuleBoundaryTests
{
    public static readonly string[] ModuleNames = ["Identity", "Consent", "Records", "Notifications", "Audit", "Interop"];

    public static readonly TheoryData<string> Modules = new(ModuleNames);

    private static readonly string[] Bcl = ["System.*", "netstandard", "mscorlib", "Microsoft.Win32.Primitives"];

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_never_references_another_modules_implementation(string module)
    {
        var references = AssemblyReferences.Of(AssemblyReferences.PathOf("HapModular.Modules." + module));
        var others = ModuleNames.Where(m => m != module).Select(m => "HapModular.Modules." + m).ToHashSet();
        Assert.DoesNotContain(references, others.Contains);
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Contracts_depend_only_on_MediatR_the_shared_kernel_and_the_BCL(string module)
    {
        var path = AssemblyReferences.PathOf($"HapModular.Modules.{module}.Contracts");
        Assert.Empty(AssemblyReferences.Violations(path, [.. Bcl, "MediatR", "HapModular.SharedKernel"]));
    }

    [Fact]
    public void The_shared_kernel_depends_only_on_MediatR_and_the_BCL() =>
        Assert.Empty(AssemblyReferences.Violations(AssemblyReferences.PathOf("HapModular.SharedKernel"), [.. Bcl, "MediatR"]));

    [Fact]
    public void The_shared_web_pieces_reach_modules_only_through_their_contracts()
    {
        // The patient banner and the other shared Razor pieces sit under every module's pages: a module implementation
        // there would let any page reach around that module's front door.
        var references = AssemblyReferences.Of(AssemblyReferences.PathOf("HapModular.Modules.Shared.Web"));
        Assert.Contains("HapModular.Modules.Records.Contracts", references);
        Assert.DoesNotContain(references, r => r.StartsWith("HapModular.Modules.", StringComparison.Ordinal) && !r.EndsWith(".Contracts", StringComparison.Ordinal));
    }

    [Fact]
    public void The_contracts_rule_fails_on_an_assembly_that_crosses_the_boundary()
    {
        // The host references Autofac, ASP.NET and every module: the rule must flag it, or it proves nothing.
        var violations = AssemblyReferences.Violations(AssemblyReferences.PathOf("HapModular.Host"), [.. Bcl, "MediatR", "HapModular.SharedKernel"]);
        Assert.Contains("Autofac", violations);
        Assert.Contains("HapModular.Modules.Consent", violations);
    }
}
