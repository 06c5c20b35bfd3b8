using Npgsql;

namespace HapModular.Modules.Identity.Tests;

/// <summary>Reads the audit trail the Audit module wrote (what a DPO would see).</summary>
internal static class AuditTrail
{
    public static async Task<IReadOnlyList<(string Action, string Outcome, string? Reason)>> ForAsync(IdentityFactory factory, Guid actorOrSubject)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT action, outcome, reason FROM audit.records WHERE actor_user_id = $1 OR reason LIKE '%' || $2 || '%' ORDER BY seq", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = actorOrSubject });
        command.Parameters.Add(new NpgsqlParameter { Value = actorOrSubject.ToString() });
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<(string, string, string?)>();
        while (await reader.ReadAsync())
        {
            list.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return list;
    }
}
