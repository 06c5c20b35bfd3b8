using Hangfire;
using Microsoft.Extensions.Logging;

namespace HapModular.Modules.Notifications.Email;

/// <summary>The Hangfire job: delivers one outbox row by id; retried with back-off on failure, never sent twice.</summary>
internal sealed class EmailDeliveryJob(EmailOutbox outbox, IEmailTransport transport, TimeProvider time, ILogger<EmailDeliveryJob> logger)
{
    [AutomaticRetry(Attempts = 10)]
    public async Task DeliverAsync(Guid id, CancellationToken cancellationToken)
    {
        await outbox.DeliverAsync(id, transport.SendAsync, time.GetUtcNow(), cancellationToken);
        // Only the id: recipient, subject and body are personal data.
        logger.LogInformation("E-mail {EmailId} delivered through {Transport}", id, transport.Name);
    }
}
