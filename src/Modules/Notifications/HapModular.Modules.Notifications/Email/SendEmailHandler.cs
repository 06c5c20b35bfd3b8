using Hangfire;
using HapModular.Modules.Notifications.Contracts;
using MediatR;

namespace HapModular.Modules.Notifications.Email;

/// <summary>
/// Queues the e-mail (outbox row keyed by <see cref="SendEmail.IdempotencyKey"/>) and a Hangfire job with its id.
/// A repeated request for a message not yet delivered enqueues again: the job's row lock makes that harmless, and a
/// message whose first job was lost still goes out.
/// </summary>
internal sealed class SendEmailHandler(EmailOutbox outbox, IBackgroundJobClient jobs, TimeProvider time) : IRequestHandler<SendEmail, Unit>
{
    public async Task<Unit> Handle(SendEmail request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.To);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.IdempotencyKey);
        var email = new QueuedEmail(
            Guid.NewGuid(),
            request.IdempotencyKey,
            request.To.Trim(),
            request.Subject,
            request.TextBody,
            request.HtmlBody,
            request.Attachment?.FileName,
            request.Attachment?.MediaType,
            request.Attachment?.Content,
            time.GetUtcNow());
        if (await outbox.AddAsync(email, cancellationToken) is { } id)
        {
            jobs.Enqueue<EmailDeliveryJob>(job => job.DeliverAsync(id, CancellationToken.None));
        }

        return Unit.Value;
    }
}
