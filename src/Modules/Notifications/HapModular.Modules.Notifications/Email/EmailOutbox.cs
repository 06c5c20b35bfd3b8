using Npgsql;

namespace HapModular.Modules.Notifications.Email;

/// <summary>
/// Queued e-mails in <c>notifications.email_outbox</c> (Migrations/), one row per idempotency key: the key makes a second
/// <c>SendEmail</c> for the same event a no-op. The body is erased once delivered (it may hold a one-time link).
/// </summary>
internal sealed class EmailOutbox(EmailDataSource database)
{
    /// <summary>Stores the message unless its key is known; returns the id to deliver, or null when already sent.</summary>
    public async Task<Guid?> AddAsync(QueuedEmail email, CancellationToken cancellationToken)
    {
        await using var command = database.Source.CreateCommand(
            """
            INSERT INTO notifications.email_outbox (id, idempotency_key, recipient, subject, text_body, html_body, attachment_name, attachment_type, attachment, queued_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key
            RETURNING id, sent_at IS NOT NULL
            """);
        foreach (var value in new object?[] { email.Id, email.IdempotencyKey, email.To, email.Subject, email.TextBody, email.HtmlBody, email.AttachmentName, email.AttachmentType, email.Attachment, email.QueuedAt })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetBoolean(1) ? null : reader.GetGuid(0);
    }

    /// <summary>
    /// Delivers a queued message under a row lock (two workers never send the same row), then marks it sent and
    /// erases its content. Does nothing when it was already sent.
    /// </summary>
    public async Task DeliverAsync(Guid id, Func<QueuedEmail, CancellationToken, Task> send, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.Source.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        QueuedEmail? email;
        await using (var select = new NpgsqlCommand(
            "SELECT idempotency_key, recipient, subject, text_body, html_body, attachment_name, attachment_type, attachment, queued_at FROM notifications.email_outbox WHERE id = $1 AND sent_at IS NULL FOR UPDATE",
            connection,
            tx))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            email = await reader.ReadAsync(cancellationToken)
                ? new QueuedEmail(id, reader.GetString(0), reader.GetString(1), reader.GetString(2), Text(reader, 3) ?? string.Empty, Text(reader, 4), Text(reader, 5), Text(reader, 6), reader.IsDBNull(7) ? null : (byte[])reader[7], reader.GetFieldValue<DateTimeOffset>(8))
                : null;
        }

        if (email is null)
        {
            return;
        }

        await using (var attempt = new NpgsqlCommand("UPDATE notifications.email_outbox SET attempts = attempts + 1 WHERE id = $1", connection, tx))
        {
            attempt.Parameters.Add(new NpgsqlParameter { Value = id });
            await attempt.ExecuteNonQueryAsync(cancellationToken);
        }

        await send(email, cancellationToken);
        await using (var done = new NpgsqlCommand(
            "UPDATE notifications.email_outbox SET sent_at = $2, text_body = NULL, html_body = NULL, attachment = NULL WHERE id = $1",
            connection,
            tx))
        {
            done.Parameters.Add(new NpgsqlParameter { Value = id });
            done.Parameters.Add(new NpgsqlParameter { Value = now });
            await done.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

/// <summary>One e-mail waiting for delivery.</summary>
internal sealed record QueuedEmail(
    Guid Id,
    string IdempotencyKey,
    string To,
    string Subject,
    string TextBody,
    string? HtmlBody,
    string? AttachmentName,
    string? AttachmentType,
    byte[]? Attachment,
    DateTimeOffset QueuedAt);

/// <summary>The module's own connection pool for the outbox; disposed with the host.</summary>
internal sealed class EmailDataSource(NpgsqlDataSource source) : IDisposable
{
    public NpgsqlDataSource Source { get; } = source;

    public void Dispose() => Source.Dispose();
}
