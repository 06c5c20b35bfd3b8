using MimeKit;

namespace HapModular.Modules.Notifications.Email;

/// <summary>Builds the MIME message of a queued e-mail.</summary>
internal static class EmailMessages
{
    public static MimeMessage Build(QueuedEmail email, EmailSettings settings)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.Date = email.QueuedAt;
        // Stable per outbox row: a resend after a crash carries the same Message-Id, so mail systems can de-duplicate.
        message.MessageId = $"{email.Id:N}@{settings.FromAddress.Split('@').Last()}";
        var body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody };
        if (email.Attachment is not null)
        {
            body.Attachments.Add(email.AttachmentName ?? "attachment", email.Attachment, ContentType.Parse(email.AttachmentType ?? "application/octet-stream"));
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}
