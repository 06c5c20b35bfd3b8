using MediatR;

namespace HapModular.Modules.Notifications.Contracts;

/// <summary>
/// Queues an e-mail through the Notifications module's e-mail channel (SMTP with MailKit; a pickup folder in
/// development and tests). Delivery is a background job: retried, never sent twice for the same
/// <paramref name="IdempotencyKey"/>. The body is never logged.
/// </summary>
/// <param name="To">Recipient address.</param>
/// <param name="Subject">Subject line.</param>
/// <param name="TextBody">Plain-text body.</param>
/// <param name="IdempotencyKey">Stable key of the event the mail is about (e.g. <c>enrolment:{userId}:{n}</c>).</param>
/// <param name="HtmlBody">Optional HTML body.</param>
/// <param name="Attachment">Optional attachment (e.g. a letter PDF).</param>
public sealed record SendEmail(string To, string Subject, string TextBody, string IdempotencyKey, string? HtmlBody = null, EmailAttachment? Attachment = null) : IRequest;

/// <summary>An attachment.</summary>
/// <param name="FileName">File name.</param>
/// <param name="MediaType">Media type.</param>
/// <param name="Content">Bytes.</param>
public sealed record EmailAttachment(string FileName, string MediaType, byte[] Content);
