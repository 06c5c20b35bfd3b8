using System.Text.RegularExpressions;

namespace HapModular.Modules.Shared.Migrations;

/// <summary>
/// The rolling-upgrade rule for migration scripts (README "Changing a module's tables"): during an upgrade hosts of the
/// previous release still run on the migrated database, so a release only ADDS (tables, nullable columns or columns
/// with a default, indexes, constraints old code satisfies). Dropping, renaming, retyping or tightening something the
/// previous release uses waits for the next release, in a script marked <c>-- contract: …</c>. This finds the
/// statements that break the previous release; the architecture tests refuse them in any script not so marked.
/// </summary>
public static partial class ExpandContract
{
    /// <summary>Each statement of <paramref name="sql"/> that an older host could trip on, with why (empty when none).</summary>
    public static IReadOnlyList<string> DestructiveStatements(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var findings = new List<string>();
        var code = Comments().Replace(sql, " ");
        foreach (var raw in code.Split(';'))
        {
            var statement = Spaces().Replace(raw, " ").Trim();
            if (statement.Length == 0)
            {
                continue;
            }

            if (DropObject().Match(statement) is { Success: true } drop)
            {
                findings.Add($"{drop.Value.ToUpperInvariant()}: the previous release still reads it ({statement})");
            }
            else if (AlterDropColumn().IsMatch(statement))
            {
                findings.Add($"DROP of a column: the previous release still reads it ({statement})");
            }

            if (Rename().IsMatch(statement))
            {
                findings.Add($"RENAME: the previous release uses the old name ({statement})");
            }

            if (Retype().IsMatch(statement))
            {
                findings.Add($"ALTER COLUMN … TYPE: the previous release reads and writes the old type ({statement})");
            }

            foreach (Match notNull in SetNotNull().Matches(statement))
            {
                var column = notNull.Groups[1].Value;
                if (!Regex.IsMatch(code, $@"ALTER\s+COLUMN\s+{Regex.Escape(column)}\s+SET\s+DEFAULT\b", RegexOptions.IgnoreCase))
                {
                    findings.Add($"SET NOT NULL without a default on {column}: the previous release may insert NULL ({statement})");
                }
            }

            foreach (Match added in AddColumn().Matches(statement))
            {
                var definition = added.Groups[1].Value;
                if (NotNull().IsMatch(definition) && !Default().IsMatch(definition))
                {
                    findings.Add($"ADD COLUMN … NOT NULL without a default: the previous release's inserts do not name it ({statement})");
                }
            }
        }

        return findings;
    }

    [GeneratedRegex(@"--[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\bDROP\s+(TABLE|COLUMN|SCHEMA|VIEW|MATERIALIZED\s+VIEW|FUNCTION|PROCEDURE|TYPE|SEQUENCE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DropObject();

    // ALTER TABLE t DROP c (COLUMN is optional in PostgreSQL); dropping a constraint, a default or NOT NULL relaxes.
    [GeneratedRegex(@"\bALTER\s+TABLE\b.*\bDROP\s+(?!CONSTRAINT\b|DEFAULT\b|NOT\s+NULL\b|IDENTITY\b|EXPRESSION\b)\w+", RegexOptions.IgnoreCase)]
    private static partial Regex AlterDropColumn();

    [GeneratedRegex(@"\bRENAME\b", RegexOptions.IgnoreCase)]
    private static partial Regex Rename();

    [GeneratedRegex(@"\bALTER\s+COLUMN\s+\S+\s+(SET\s+DATA\s+)?TYPE\b", RegexOptions.IgnoreCase)]
    private static partial Regex Retype();

    [GeneratedRegex(@"\bALTER\s+COLUMN\s+(\S+)\s+SET\s+NOT\s+NULL\b", RegexOptions.IgnoreCase)]
    private static partial Regex SetNotNull();

    // One ADD COLUMN clause, up to the next clause of the same ALTER TABLE.
    [GeneratedRegex(@"\bADD\s+(?:COLUMN\s+)?(?!CONSTRAINT\b|PRIMARY\b|UNIQUE\b|FOREIGN\b|CHECK\b)((?:IF\s+NOT\s+EXISTS\s+)?\S+\s+[^,]*)", RegexOptions.IgnoreCase)]
    private static partial Regex AddColumn();

    [GeneratedRegex(@"\bNOT\s+NULL\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotNull();

    [GeneratedRegex(@"\bDEFAULT\b|\bGENERATED\b", RegexOptions.IgnoreCase)]
    private static partial Regex Default();
}
