using System.Text.RegularExpressions;
using Npgsql;

namespace HapModular.Modules.Identity.Tests;

/// <summary>Reads queued e-mails from the Notifications outbox (no Hangfire server runs in these tests).</summary>
internal static partial class Outbox
{
    public static async Task<IReadOnlyList<(string Subject, string Body)>> ForAsync(IdentityFactory factory, string recipient)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT subject, coalesce(text_body, '') FROM notifications.email_outbox WHERE recipient = $1 ORDER BY queued_at", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = recipient });
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            list.Add((reader.GetString(0), reader.GetString(1)));
        }

        return list;
    }

    public static async Task<string> LinkForAsync(IdentityFactory factory, string recipient, string path)
    {
        var mails = await ForAsync(factory, recipient);
        var match = mails.Select(m => LinkPattern().Match(m.Body)).LastOrDefault(m => m.Success && m.Value.Contains(path, StringComparison.Ordinal))
            ?? throw new InvalidOperationException("No link in the mails to " + recipient);
        return new Uri(match!.Value).PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
