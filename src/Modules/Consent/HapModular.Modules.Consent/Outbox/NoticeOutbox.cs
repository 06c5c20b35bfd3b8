using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Consent.Storage;
using Marten;
using MediatR;
using Microsoft.Extensions.Logging;

namespace HapModular.Modules.Consent.Outbox;

/// <summary>
/// R8 "never lost": <see cref="Stage"/> adds the notice to the caller's session before it commits; <see cref="DeliverAsync"/>
/// publishes it after the commit and removes it. Publishing twice is harmless (Notifications keeps one letter per event
/// key), so the sweep may re-publish anything still pending.
/// </summary>
internal sealed class NoticeOutbox(IConsentStore store, IMediator mediator, TimeProvider time, ILogger<NoticeOutbox> logger)
{
    public void Stage(IDocumentSession session, PatientNoticeRequested notice) =>
        session.Store(new PendingNotice { Id = notice.EventKey, Notice = notice, CreatedAt = time.GetUtcNow() });

    /// <summary>
    /// Publishes and removes the notice. A failure here happens after the user's change is committed, so it is not the
    /// user's failure: it is logged, the notice stays pending, and the sweep delivers it later.
    /// </summary>
    public async Task<bool> DeliverAsync(PatientNoticeRequested notice, CancellationToken cancellationToken)
    {
        try
        {
            await mediator.Publish(notice, cancellationToken);
            await using var session = store.LightweightSession();
            session.Delete<PendingNotice>(notice.EventKey);
            await session.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Notice {EventKey} not delivered yet; the outbox sweep retries it", notice.EventKey);
            return false;
        }
    }
}
