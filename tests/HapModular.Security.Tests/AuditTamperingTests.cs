using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace HapModular.Security.Tests;

/// <summary>
/// Findings: deleting the last rows of <c>audit.records</c> left <c>audit-verify</c> saying "intact"; the chain was an
/// unkeyed SHA-256 anyone with write access could recompute; nothing in the database refused UPDATE or DELETE; the
/// portal connected as the PostgreSQL superuser. Each attack is made with the owner's rights (triggers switched off),
/// checked, then undone so the next one starts from an intact chain.
/// </summary>
public sealed class AuditTamperingTests(AuditTamperingTests.Portal portal) : IClassFixture<AuditTamperingTests.Portal>, IAsyncLifetime, IDisposable
{
    private readonly Attacker dpo = portal.NewAttacker();

    public Task InitializeAsync() => dpo.SignInAsync(DemoPerson.Dpo);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => dpo.Dispose();

    [Fact]
    public async Task An_edit_rehashed_without_the_key_is_reported()
    {
        var rows = await SnapshotAsync();
        var target = rows[rows.Count / 2].Seq;
        try
        {
            // What someone with write access and the old algorithm does: change a record, recompute every hash after it.
            await using var connection = await OpenAsync();
            var previous = rows.Single(r => r.Seq == target - 1).Hash;
            foreach (var row in rows.Where(r => r.Seq >= target))
            {
                var reason = row.Seq == target ? "nothing to see" : row.Reason;
                var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previous + Canonical(row with { Reason = reason }))));
                await ExecuteAsync(connection, "UPDATE audit.records SET reason = $1, prev_hash = $2, hash = $3 WHERE seq = $4", (object?)reason ?? DBNull.Value, previous, hash, row.Seq);
                previous = hash;
            }

            var verdict = await VerifyAsync();
            Assert.False(verdict.Intact);
            Assert.Equal(target, verdict.FirstBroken);
            Assert.Contains("edited", verdict.Problem, StringComparison.Ordinal);
        }
        finally
        {
            await RestoreAsync(rows);
        }
    }

    [Fact]
    public async Task A_record_deleted_in_the_middle_is_reported()
    {
        var rows = await SnapshotAsync();
        var target = rows[rows.Count / 2].Seq;
        try
        {
            await using (var connection = await OpenAsync())
            {
                await ExecuteAsync(connection, "DELETE FROM audit.records WHERE seq = $1", target);
            }

            var verdict = await VerifyAsync();
            Assert.False(verdict.Intact);
            Assert.Equal(target, verdict.FirstBroken);
            Assert.Contains("deleted", verdict.Problem, StringComparison.Ordinal);
        }
        finally
        {
            await RestoreAsync(rows);
        }
    }

    [Fact]
    public async Task Deleting_the_last_records_is_reported_as_truncation_also_by_the_audit_verify_command()
    {
        using (var desk = portal.NewAttacker())
        {
            // Audited activity; the fake clock moves with each code, so the appender checkpoints the head.
            await desk.SignInAsync(DemoPerson.Desk);
        }

        var rows = await SnapshotAsync();
        try
        {
            await using (var connection = await OpenAsync())
            {
                await ExecuteAsync(connection, "DELETE FROM audit.records WHERE seq > $1", rows[^1].Seq - 2);
            }

            var verdict = await VerifyAsync();
            Assert.False(verdict.Intact);
            Assert.Contains("truncation", verdict.Problem, StringComparison.Ordinal);

            var (exitCode, output) = await RunAuditVerifyAsync();
            Assert.Equal(1, exitCode);
            Assert.Contains("BROKEN", output, StringComparison.Ordinal);
            Assert.Contains("truncation", output, StringComparison.Ordinal);
        }
        finally
        {
            await RestoreAsync(rows);
        }

        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task The_database_refuses_update_and_delete_on_the_audit_table()
    {
        await using var connection = new NpgsqlConnection(portal.ConnectionString);
        await connection.OpenAsync();
        // Even the owner: the trigger refuses.
        var update = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, "UPDATE audit.records SET reason = 'x' WHERE seq = 1"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, update.SqlState);
        var truncate = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, "TRUNCATE audit.records"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, truncate.SqlState);

        // The audit module's own role may append and read, nothing else.
        var role = await RoleAsync(connection, "audit");
        await ExecuteAsync(connection, $"SET ROLE \"{role}\"");
        Assert.True(await ScalarAsync(connection, "SELECT count(*) FROM audit.records") > 0);
        var delete = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, "ALTER TABLE audit.records DISABLE TRIGGER records_append_only"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, delete.SqlState);
    }

    [Fact]
    public async Task Records_cannot_read_Consents_tables()
    {
        await using var connection = new NpgsqlConnection(portal.ConnectionString);
        await connection.OpenAsync();
        var role = await RoleAsync(connection, "records");
        await ExecuteAsync(connection, $"SET ROLE \"{role}\"");
        Assert.True(await ScalarAsync(connection, "SELECT count(*) FROM records.documents") >= 0);
        var denied = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection, "SELECT count(*) FROM consent.mt_doc_patientconsent"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
    }

    [Fact]
    public async Task The_portal_never_connects_as_the_superuser()
    {
        using (var physician = portal.NewAttacker())
        {
            await physician.SignInAsync(DemoPerson.DrDupont);
            (await physician.GetAsync($"/patients/{portal.Demo.MarieDubois}")).Dispose();
        }

        var users = await Database.QueryAsync(
            portal,
            "SELECT DISTINCT a.usename, r.rolsuper FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()",
            r => (Name: r.GetString(0), Super: r.GetBoolean(1)));
        Assert.Contains(users, u => u.Name.EndsWith("_records", StringComparison.Ordinal));
        Assert.Contains(users, u => u.Name.EndsWith("_identity", StringComparison.Ordinal));
        Assert.DoesNotContain(users, u => u.Super);
    }

    /// <summary>
    /// The DPO's view of the chain (<c>/api/audit/verify</c>, the verifier <c>audit-verify</c> runs). The DPO signs in
    /// before the snapshot: asking writes no audit record, so restoring the snapshot loses nothing.
    /// </summary>
    private async Task<(bool Intact, long? FirstBroken, string Problem)> VerifyAsync()
    {
        var json = await dpo.Client.GetFromJsonAsync<JsonElement>("/api/audit/verify");
        var broken = json.GetProperty("firstBrokenSequence");
        return (json.GetProperty("intact").GetBoolean(), broken.ValueKind == JsonValueKind.Null ? null : broken.GetInt64(), json.GetProperty("problem").ToString());
    }

    /// <summary>The real command line, against the same database and data folder (keys, checkpoints).</summary>
    private async Task<(int ExitCode, string Output)> RunAuditVerifyAsync()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "HapModular.Host.dll"), "audit-verify"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["ConnectionStrings__Hap"] = portal.ConnectionString,
                ["Hap__DataDirectory"] = portal.DataDirectory,
                ["Hap__PublicBaseUrl"] = AttackedPortal.PublicBaseUrl,
                ["Hap__Jobs__Server"] = "false",
                ["Interop__Dicom__Port"] = "0",
                ["Interop__Mllp__Port"] = "0",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    private async Task<List<Row>> SnapshotAsync() => [.. await Database.QueryAsync(
        portal,
        """
        SELECT seq, at, action, outcome, actor_user_id, actor_name, actor_inami, client_address, patient_id, document_id,
               document_title, purpose, reason, link_or_grant_id, prev_hash, hash, key_id
        FROM audit.records ORDER BY seq
        """,
        r => new Row(
            r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetGuid(4),
            Text(r, 5), Text(r, 6), Text(r, 7), r.IsDBNull(8) ? null : r.GetGuid(8), r.IsDBNull(9) ? null : r.GetGuid(9),
            Text(r, 10), Text(r, 11), Text(r, 12), r.IsDBNull(13) ? null : r.GetGuid(13), r.GetString(14), r.GetString(15), Text(r, 16)))];

    /// <summary>Puts the table back exactly as it was (the owner with the trigger off), keeping records added since.</summary>
    private async Task RestoreAsync(IReadOnlyList<Row> rows)
    {
        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, "DELETE FROM audit.records WHERE seq <= $1", rows[^1].Seq);
        foreach (var r in rows)
        {
            await ExecuteAsync(
                connection,
                """
                INSERT INTO audit.records (seq, at, action, outcome, actor_user_id, actor_name, actor_inami, client_address, patient_id,
                    document_id, document_title, purpose, reason, link_or_grant_id, prev_hash, hash, key_id)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                """,
                r.Seq, r.At, r.Action, r.Outcome, Db(r.Actor), Db(r.ActorName), Db(r.ActorInami), Db(r.Address), Db(r.Patient), Db(r.Document),
                Db(r.Title), Db(r.Purpose), Db(r.Reason), Db(r.Link), r.PreviousHash, r.Hash, Db(r.KeyId));
        }
    }

    /// <summary>An owner's connection with the append-only trigger switched off for this session's statements.</summary>
    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(portal.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "SET session_replication_role = replica");
        return connection;
    }

    private static async Task<string> RoleAsync(NpgsqlConnection connection, string module) =>
        (string)(await new NpgsqlCommand($"SELECT current_database() || '_{module}'", connection).ExecuteScalarAsync())!;

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static object Db(object? value) => value ?? DBNull.Value;

    /// <summary>The record's content as the former unkeyed chain hashed it (public in the repository's history).</summary>
    private static string Canonical(Row r) => JsonSerializer.Serialize(new object?[]
    {
        r.Seq, r.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), r.Action, r.Outcome, r.Actor, r.ActorName, r.ActorInami,
        r.Address, r.Patient, r.Document, r.Title, r.Purpose, r.Reason, r.Link,
    });

    private sealed record Row(
        long Seq, DateTimeOffset At, string Action, string Outcome, Guid? Actor, string? ActorName, string? ActorInami, string? Address,
        Guid? Patient, Guid? Document, string? Title, string? Purpose, string? Reason, Guid? Link, string PreviousHash, string Hash, string? KeyId);

    /// <summary>Its own portal: these tests rewrite the audit table (and put it back).</summary>
    public sealed class Portal : AttackedPortal;
}
