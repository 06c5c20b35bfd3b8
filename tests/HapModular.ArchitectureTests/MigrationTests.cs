using System.Reflection;
using System.Text.RegularExpressions;
using HapModular.Modules.Shared.Migrations;

namespace HapModular.ArchitectureTests;

/// <summary>
/// Every table is made by a versioned migration script of its module (README "Changing a module's tables"): no DDL
/// hand-written in C#, scripts named and numbered so the journal runs each once in order, and each script only expands
/// the schema (a rolling upgrade keeps the previous release serving) unless it is marked as a contract step.
/// </summary>
public sealed partial class MigrationTests
{
    // The host's assembly (its own schema, host.*) and every module's.
    public static readonly TheoryData<string> Assemblies = new([.. ModuleBoundaryTests.ModuleNames.Select(m => "HapModular.Modules." + m), "HapModular.Host"]);

    [Fact]
    public void No_table_is_created_or_altered_from_csharp()
    {
        var src = Path.Combine(FindRepoRoot(), "src");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            // The rule's own patterns.
            .Where(f => !f.EndsWith("Migrations/ExpandContract.cs", StringComparison.Ordinal))
            .SelectMany(f => Ddl().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetRelativePath(src, f)}: {m.Value}"))
            .ToList();
        Assert.Empty(offenders);
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Scripts_are_numbered_from_one_without_gaps(string assembly)
    {
        var migrations = ModuleMigrations.For(Assembly.LoadFrom(AssemblyReferences.PathOf(assembly)), "any");
        Assert.Equal(Enumerable.Range(1, migrations.Scripts.Count), migrations.Scripts.Select(s => s.Version));
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Scripts_only_expand_the_schema_unless_marked_as_a_contract_step(string assembly)
    {
        var migrations = ModuleMigrations.For(Assembly.LoadFrom(AssemblyReferences.PathOf(assembly)), "any");
        Assert.All(migrations.Scripts.Where(s => !s.IsContract), s => Assert.Empty(ExpandContract.DestructiveStatements(s.Sql)));
    }

    [Fact]
    public void Modules_with_tables_have_scripts()
    {
        foreach (var module in new[] { "Records", "Audit", "Interop", "Notifications", "Identity" })
        {
            Assert.NotEmpty(ModuleMigrations.For(Assembly.LoadFrom(AssemblyReferences.PathOf("HapModular.Modules." + module)), "any").Scripts);
        }
    }

    [Theory]
    [InlineData("ALTER TABLE records.documents DROP COLUMN author;")]
    [InlineData("ALTER TABLE records.documents DROP author;")]
    [InlineData("DROP TABLE records.embargo_categories;")]
    [InlineData("ALTER TABLE records.documents RENAME COLUMN author TO written_by;")]
    [InlineData("ALTER TABLE records.documents RENAME TO files;")]
    [InlineData("ALTER TABLE records.documents ALTER COLUMN size TYPE integer;")]
    [InlineData("ALTER TABLE records.documents ALTER COLUMN size SET DATA TYPE integer;")]
    [InlineData("ALTER TABLE records.documents ALTER COLUMN author SET NOT NULL;")]
    [InlineData("ALTER TABLE records.documents ADD COLUMN origin text NOT NULL;")]
    [InlineData("-- a comment\nALTER TABLE records.documents\n    ADD COLUMN note text NULL,\n    ADD COLUMN origin text NOT NULL;")]
    public void The_rule_catches_a_statement_that_breaks_the_previous_release(string sql) =>
        Assert.NotEmpty(ExpandContract.DestructiveStatements(sql));

    [Theory]
    [InlineData("CREATE TABLE records.notes (id uuid PRIMARY KEY, body text NOT NULL);")]
    [InlineData("ALTER TABLE records.documents ADD COLUMN origin text NULL;")]
    [InlineData("ALTER TABLE records.documents ADD COLUMN reviewed boolean NOT NULL DEFAULT false;")]
    [InlineData("CREATE INDEX documents_origin ON records.documents (origin);")]
    [InlineData("ALTER TABLE records.documents ALTER COLUMN origin SET DEFAULT 'unknown';\nALTER TABLE records.documents ALTER COLUMN origin SET NOT NULL;")]
    [InlineData("ALTER TABLE records.documents DROP CONSTRAINT documents_source;")]
    [InlineData("-- DROP TABLE in a comment is no statement\nSELECT 1;")]
    public void The_rule_lets_an_expanding_statement_through(string sql) =>
        Assert.Empty(ExpandContract.DestructiveStatements(sql));

    [Fact]
    public void A_contract_step_is_recognised_by_its_marker()
    {
        Assert.True(new MigrationScript("V007__drop_author.sql", 7, "-- contract: nothing reads author since release 12\nALTER TABLE records.documents DROP COLUMN author;").IsContract);
        Assert.False(new MigrationScript("V007__drop_author.sql", 7, "ALTER TABLE records.documents DROP COLUMN author;").IsContract);
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

    [GeneratedRegex(@"\bIF\s+NOT\s+EXISTS\b|\bCREATE\s+(UNIQUE\s+)?(TABLE|INDEX)\b|\bALTER\s+TABLE\b", RegexOptions.IgnoreCase)]
    private static partial Regex Ddl();
}
