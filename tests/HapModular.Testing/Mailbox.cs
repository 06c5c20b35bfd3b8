using MimeKit;
using Npgsql;

namespace HapModular.Testing;

/// <summary>
/// The e-mails a host delivered (factories with <c>RunJobs</c>; the pickup folder transport): read once the host's
/// jobs are done, in the order they were queued. The outbox row alone is not enough: it loses its body once sent.
/// </summary>
public static class Mailbox
{
    /// <summary>The e-mails delivered to <paramref name="recipient"/> once every job is done, oldest first (subject, text body).</summary>
    public static async Task<IReadOnlyList<(string Subject, string Body)>> ToAsync(HapAppFactory factory, string recipient)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await factory.WaitUntilDoneAsync();
        return await DeliveredAsync(factory, recipient, requireAll: true);
    }

    /// <summary>
    /// Waits until an e-mail matching <paramref name="match"/> is delivered to <paramref name="recipient"/> and returns
    /// the delivered ones — for hosts whose other jobs (letters) need not be done.
    /// </summary>
    public static async Task<IReadOnlyList<(string Subject, string Body)>> WaitForAsync(HapAppFactory factory, string recipient, Func<(string Subject, string Body), bool> match, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(match);
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var mails = await DeliveredAsync(factory, recipient, requireAll: false);
            if (mails.Any(match))
            {
                return mails;
            }

            // Polls the outbox and the pickup folder (a delivery is the event); the timeout only bounds a lost mail.
            await Task.Delay(25, cancel.Token);
        }
    }

    private static async Task<IReadOnlyList<(string Subject, string Body)>> DeliveredAsync(HapAppFactory factory, string recipient, bool requireAll)
    {
        var ids = new List<Guid>();
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT id FROM notifications.email_outbox WHERE recipient = $1 ORDER BY queued_at, id", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = recipient });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        var folder = Path.Combine(factory.DataDirectory, "mail");
        var mails = new List<(string, string)>();
        foreach (var id in ids)
        {
            var file = (Directory.Exists(folder) ? Directory.GetFiles(folder, $"*-{id:N}.eml") : []).SingleOrDefault();
            if (file is null)
            {
                if (requireAll)
                {
                    throw new InvalidOperationException($"E-mail {id} was queued but not delivered");
                }

                continue;
            }

            using var message = await MimeMessage.LoadAsync(file);
            mails.Add((message.Subject ?? string.Empty, message.TextBody ?? string.Empty));
        }

        return mails;
    }
}
