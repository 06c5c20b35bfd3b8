using HapModular.Testing;
using Npgsql;

namespace HapModular.Security.Tests;

/// <summary>What an attacker's attempt left in the database, read with the test's own (owner) connection.</summary>
internal static class Database
{
    public static async Task<IReadOnlyList<T>> QueryAsync<T>(AttackedPortal portal, string sql, Func<NpgsqlDataReader, T> read, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(portal.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>The e-mails delivered to <paramref name="recipient"/>, oldest first (subject, body), once one matches.</summary>
    public static Task<IReadOnlyList<(string Subject, string Body)>> MailsToAsync(AttackedPortal portal, string recipient, Func<(string Subject, string Body), bool> match) =>
        Mailbox.WaitForAsync(portal, recipient, match);

    /// <summary>Audit records of one action, newest first (client address, outcome, reason).</summary>
    public static Task<IReadOnlyList<(string? Address, string Outcome, string? Reason)>> AuditAsync(AttackedPortal portal, string action) =>
        QueryAsync(portal, "SELECT client_address, outcome, reason FROM audit.records WHERE action = $1 ORDER BY seq DESC", r => (r.IsDBNull(0) ? null : r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)), action);
}
