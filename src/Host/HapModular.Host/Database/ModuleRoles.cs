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
/// object in it; a module that does not own its schema (the audit trail) gets the schema's usage only and its
/// tables' rights from its own start-up DDL. Hangfire gets <c>{database}_jobs</c> on schema <c>hangfire</c>.
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
            await ExecuteAsync(connection, tx, $"""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
                    CREATE ROLE "{role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '{password}';
                  ELSE
                    ALTER ROLE "{role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '{password}';
                  END IF;
                END $$;
                DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '{schema}') THEN CREATE SCHEMA "{schema}"; END IF; END $$;
                REVOKE ALL ON SCHEMA "{schema}" FROM PUBLIC;
                """);
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
