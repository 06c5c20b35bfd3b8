using System.Reflection;
using System.Text.RegularExpressions;
using DbUp;
using DbUp.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HapModular.Modules.Shared.Migrations;

/// <summary>
/// A module's schema migrations: its versioned SQL scripts (<c>Migrations/V001__name.sql</c> in the module's project,
/// embedded as <c>hap-migrations/V001__name.sql</c>), applied in version order, each once, each in its own transaction
/// with its journal row (DbUp), journaled in the module's own table <c>{schema}.schema_migrations</c>. Applying is not
/// locked here: the host's runner holds one PostgreSQL advisory lock around every module (SchemaMigrator).
/// </summary>
public sealed partial class ModuleMigrations
{
    /// <summary>The journal table, in the module's schema.</summary>
    public const string JournalTable = "schema_migrations";

    /// <summary>The resource name prefix every migration script is embedded under (Directory.Build.props).</summary>
    public const string ResourcePrefix = "hap-migrations/";

    private ModuleMigrations(string schema, IReadOnlyList<MigrationScript> scripts)
    {
        Schema = schema;
        Scripts = scripts;
    }

    /// <summary>The schema the scripts change and where the journal lives.</summary>
    public string Schema { get; }

    /// <summary>The scripts, in version order.</summary>
    public IReadOnlyList<MigrationScript> Scripts { get; }

    /// <summary>
    /// The scripts embedded in <paramref name="assembly"/> for schema <paramref name="schema"/>. Throws when a name
    /// does not follow <c>V###__lower_case_words.sql</c> or two scripts share a version: a mistake seen at start-up
    /// and by the architecture tests, never a script silently skipped.
    /// </summary>
    public static ModuleMigrations For(Assembly assembly, string schema)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            var match = ScriptName().Match(name);
            if (!match.Success)
            {
                throw new InvalidOperationException($"{assembly.GetName().Name}: migration {name} is not named V###__lower_case_words.sql");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new MigrationScript(name, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), reader.ReadToEnd()));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new InvalidOperationException($"{assembly.GetName().Name}: migrations {scripts[i - 1].Name} and {scripts[i].Name} share version {scripts[i].Version}");
            }
        }

        return new ModuleMigrations(schema, scripts);
    }

    /// <summary>The names of the scripts this database's journal records as applied (empty when there is no journal yet).</summary>
    public IReadOnlyList<string> Applied(string connectionString) => Engine(connectionString, NullLogger.Instance).GetExecutedScripts();

    /// <summary>
    /// Applies the scripts the journal does not record yet, in order, on <paramref name="connectionString"/> (the role
    /// that will own the objects), and returns their names. The schema must exist. Throws on the first failing script
    /// (its transaction rolled back, nothing journaled for it).
    /// </summary>
    public IReadOnlyList<string> Apply(string connectionString, ILogger? logger = null)
    {
        if (Scripts.Count == 0)
        {
            return [];
        }

        var result = Engine(connectionString, logger ?? NullLogger.Instance).PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} of schema {Schema} failed: {result.Error?.Message}", result.Error);
        }

        return result.Scripts.Select(s => s.Name).ToList();
    }

    private UpgradeEngine Engine(string connectionString, ILogger logger) =>
        DeployChanges.To
            .PostgresqlDatabase(connectionString, null)
            .JournalToPostgresqlTable(Schema, JournalTable)
            .WithScripts(Scripts.Select(s => new SqlScript(s.Name, s.Sql)))
            // Versions sort as numbers (V010 after V009 even if someone writes V10).
            .WithScriptSorter(scripts => scripts.OrderBy(s => ScriptVersion(s.Name)))
            .WithTransactionPerScript()
            // Scripts are plain PostgreSQL: $tag$ dollar quotes must not be read as DbUp variables.
            .WithVariablesDisabled()
            .LogTo(logger)
            .Build();

    private static int ScriptVersion(string name) => int.Parse(ScriptName().Match(name).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^V(\d{3,})__[a-z0-9_]+\.sql$")]
    private static partial Regex ScriptName();
}

/// <summary>One migration script.</summary>
/// <param name="Name">File name, as journaled (<c>V001__baseline.sql</c>).</param>
/// <param name="Version">The number after V.</param>
/// <param name="Sql">The script.</param>
public sealed record MigrationScript(string Name, int Version, string Sql)
{
    /// <summary>Whether the script is marked as a contract step (a line <c>-- contract: why nothing uses it any more</c>).</summary>
    public bool IsContract => Sql.Split('\n').Any(l => l.TrimStart().StartsWith("-- contract:", StringComparison.Ordinal));
}
