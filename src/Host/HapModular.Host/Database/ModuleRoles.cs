using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using HapModular.Modules.Shared;
using Npgsql;

namespace HapModular.Host.Database;

/// <summary>
/// One PostgreSQL role per module, with rights on its own schema only, so the portal never runs as the superuser:
/// a flaw in one module cannot read another's tables. At start-up, with the configured (owner) connection, each
/// module's role <c>{database}_{module}</c> is created or its password refreshed, and given its schema and every
/// object in it; a module that does not own its schema (the audit trail) gets the schema's usage only, and its
/// tables' rights after its migrations (<see cref="GrantAppendOnlyAsync"/>). Hangfire gets <c>{database}_jobs</c> on schema <c>hangfire</c>.
/// Passwords are derived from the owner's password (HMAC), so every host of one database computes the same ones
/// and nothing new is stored. When the configured user may not create roles, every module uses it (logged).
/// </summary>
internal static partial class ModuleRoles
{
    /// <summary>The connection-string key of Hangfire's role.</summary>
    public const string Jobs = "hangfire";

    private const long ProvisionLock = 0x4841_5052_4f4c_4553;

    /// <summary>Module name (and <see cref="Jobs"/>) → that role's connection string.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ProvisionAsync(string ownerConnectionString, IReadOnlyList<IModule> modules, ILogger logger)
    {
        var schemas = modules.Select(m => (Key: m.Name, Schema: m.Name, Owns: m.OwnsItsSchema)).Append((Key: Jobs, Schema: Jobs, Owns: true)).ToList();
        var owner = new NpgsqlConnectionStringBuilder(ownerConnectionString);
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        if (!await CanCreateRolesAsync(connection) || string.IsNullOrEmpty(owner.Password))
        {
            logger.LogWarning("The configured PostgreSQL user cannot create roles (or has no password): every module connects as that user, without per-module isolation");
            return schemas.ToDictionary(s => s.Key, _ => ownerConnectionString);
        }

        var database = (string)(await new NpgsqlCommand("SELECT current_database()", connection).ExecuteScalarAsync())!;
        var result = new Dictionary<string, string>();
        await using var tx = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, tx, $"SELECT pg_advisory_xact_lock({ProvisionLock})");
        foreach (var (key, schema, owns) in schemas)
        {
            var role = RoleName(database, key);
            var password = Password(owner.Password, role);
            // Roles belong to the cluster, not to a schema's migrations; checked here, under the lock, at every start
            // (the password follows the owner's).
            var verb = await ExistsAsync(connection, tx, "SELECT 1 FROM pg_roles WHERE rolname = $1", role) ? "ALTER" : "CREATE";
            await ExecuteAsync(connection, tx, $"""{verb} ROLE "{role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '{password}'""");
            if (!await ExistsAsync(connection, tx, "SELECT 1 FROM pg_namespace WHERE nspname = $1", schema))
            {
                await ExecuteAsync(connection, tx, $"CREATE SCHEMA \"{schema}\"");
            }

            await ExecuteAsync(connection, tx, $"REVOKE ALL ON SCHEMA \"{schema}\" FROM PUBLIC;");
            await ExecuteAsync(connection, tx, owns ? GiveSchema(schema, role) : $"GRANT USAGE ON SCHEMA \"{schema}\" TO \"{role}\";");
            result[key] = new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = role, Password = password }.ConnectionString;
        }

        await tx.CommitAsync();
        logger.LogInformation("Each module connects with its own PostgreSQL role ({Roles})", string.Join(", ", result.Keys.Select(k => RoleName(database, k))));
        return result;
    }

    /// <summary>The role of <paramref name="key"/> in <paramref name="database"/> (lower case, [a-z0-9_], at most 63 characters).</summary>
    public static string RoleName(string database, string key)
    {
        var name = NotIdentifier().Replace($"{database}_{key}".ToLowerInvariant(), "_");
        return name.Length <= 63 ? name : name[..54] + "_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
    }

    // The schema, and every table, view, sequence, function and type already in it (an older install made them as the owner).
    private static string GiveSchema(string schema, string role) => $$"""
        ALTER SCHEMA "{{schema}}" OWNER TO "{{role}}";
        DO $$ DECLARE o record; BEGIN
          FOR o IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = '{{schema}}' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                     AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
                     AND pg_get_userbyid(c.relowner) <> '{{role}}' LOOP
            EXECUTE format('ALTER %s %s OWNER TO %I',
              CASE o.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
              o.name, '{{role}}');
          END LOOP;
          FOR o IN SELECT p.oid::regprocedure AS name, p.prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                   WHERE n.nspname = '{{schema}}' AND pg_get_userbyid(p.proowner) <> '{{role}}' LOOP
            EXECUTE format('ALTER %s %s OWNER TO %I', CASE o.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, o.name, '{{role}}');
          END LOOP;
          FOR o IN SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                   WHERE n.nspname = '{{schema}}' AND t.typtype IN ('c', 'e', 'd', 'r') AND t.typrelid = 0
                     AND pg_get_userbyid(t.typowner) <> '{{role}}' LOOP
            EXECUTE format('ALTER TYPE %s OWNER TO %I', o.name, '{{role}}');
          END LOOP;
        END $$;
        """;

    /// <summary>
    /// The rights of a module that does not own its schema (the audit trail): use the schema, read and append to its
    /// tables, nothing else (not even the migration journal). Run after that schema's migrations, at every start: a
    /// table a migration adds is covered, and a role made anew (a restored database) gets its rights back.
    /// </summary>
    public static async Task GrantAppendOnlyAsync(NpgsqlConnection owner, string schema, string role, CancellationToken cancellationToken)
    {
        await using var grant = new NpgsqlCommand(
            $"""
            REVOKE ALL ON ALL TABLES IN SCHEMA "{schema}" FROM "{role}";
            GRANT USAGE ON SCHEMA "{schema}" TO "{role}";
            GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA "{schema}" TO "{role}";
            REVOKE ALL ON "{schema}".{HapModular.Modules.Shared.Migrations.ModuleMigrations.JournalTable} FROM "{role}";
            """,
            owner);
        await grant.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, string name)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return await command.ExecuteScalarAsync() is not null;
    }

    private static async Task<bool> CanCreateRolesAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user", connection);
        return await command.ExecuteScalarAsync() is true;
    }

    private static string Password(string ownerPassword, string role) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ownerPassword), Encoding.UTF8.GetBytes("hap-module-role:" + role)));

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex NotIdentifier();
}
