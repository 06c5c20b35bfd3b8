using Hangfire;
using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Shared.Storage;
using MediatR;
using Microsoft.Extensions.Logging;

namespace HapModular.Modules.Interop.Inbox;

/// <summary>
/// One pipeline for every inbound source: keep the raw bytes (blob + row, idempotent on the message key, so a resend
/// is not a duplicate), file them through Records' <see cref="FileInboundDocument"/>, audit the outcome. A filing that
/// throws (database, storage) leaves the message kept and queues a Hangfire retry; after <see cref="MaxAttempts"/> it
/// waits in the dead-letter list for an administrator. Nothing accepted is lost.
/// </summary>
internal sealed partial class InboundPipeline(
    InboxStore inbox,
    IBlobStore blobs,
    IMediator mediator,
    IBackgroundJobClient jobs,
    IEnumerable<IInboundParser> parsers,
    ILogger<InboundPipeline> logger)
{
    public const int MaxAttempts = 5;

    /// <summary>Keeps and files a message; a resend returns the message as first kept, without filing it again.</summary>
    public async Task<InboundMessage> ReceiveAsync(string source, string sender, string key, ReadOnlyMemory<byte> raw, string? clientAddress, CancellationToken cancellationToken) =>
        (await AcceptAsync(source, sender, key, raw, clientAddress, cancellationToken)).Message;

    /// <summary>As <see cref="ReceiveAsync"/>, saying whether this was the first receipt (protocols that answer a resend differently).</summary>
    public async Task<(InboundMessage Message, bool IsNew)> AcceptAsync(string source, string sender, string key, ReadOnlyMemory<byte> raw, string? clientAddress, CancellationToken cancellationToken)
    {
        var sha = await blobs.PutAsync(raw, cancellationToken);
        var (message, isNew) = await inbox.KeepAsync(source, sender, key, sha, raw.Length, cancellationToken);
        if (!isNew)
        {
            return (message, false);
        }

        try
        {
            return (await FileAsync(message, raw, clientAddress, cancellationToken), true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            LogFilingFailed(logger, ex, message.Id, source);
            await inbox.SetStatusAsync(message.Id, InboundStatus.Failed, "filing failed: " + ex.GetType().Name, null, null, CancellationToken.None);
            jobs.Enqueue<InboundRetryJob>(j => j.RunAsync(message.Id, CancellationToken.None));
            return (message with { Status = InboundStatus.Failed }, true);
        }
    }

    /// <summary>Keeps a message refused at the protocol level (malformed), so the admin sees what came and why.</summary>
    public async Task KeepRefusedAsync(string source, string sender, ReadOnlyMemory<byte> raw, string reason, CancellationToken cancellationToken)
    {
        var sha = await blobs.PutAsync(raw, cancellationToken);
        var (message, isNew) = await inbox.KeepAsync(source, sender, "refused:" + sha, sha, raw.Length, cancellationToken);
        if (isNew)
        {
            await inbox.SetStatusAsync(message.Id, InboundStatus.Refused, Truncate(reason), null, null, cancellationToken);
        }
    }

    /// <summary>Files a kept message (first time, retry job, or an administrator's retry).</summary>
    public async Task<InboundMessage> FileAsync(InboundMessage message, ReadOnlyMemory<byte> raw, string? clientAddress, CancellationToken cancellationToken)
    {
        var parser = parsers.Single(p => p.Source == message.Source);
        var filing = await mediator.Send(parser.ToFiling(message, raw), cancellationToken);
        var status = filing.Status switch
        {
            InboundFilingStatus.Filed or InboundFilingStatus.AlreadyFiled => InboundStatus.Filed,
            InboundFilingStatus.Held => InboundStatus.Held,
            _ => InboundStatus.Refused,
        };
        var reason = filing.Status == InboundFilingStatus.AlreadyFiled ? "already filed" : Truncate(filing.Reason);
        await inbox.SetStatusAsync(message.Id, status, reason, filing.PatientId, filing.DocumentId, cancellationToken);
        // R7: what a system filed on whose record is an audited event like a read (no NISS, no content).
        await mediator.Send(
            new RecordAudit(
                "inbound-" + status,
                status == InboundStatus.Filed ? AuditOutcome.Allowed : AuditOutcome.Failed,
                null,
                $"{message.Source}:{message.Sender}",
                null,
                clientAddress,
                filing.PatientId,
                filing.DocumentId,
                Reason: reason),
            cancellationToken);
        return message with { Status = status, Reason = reason, PatientId = filing.PatientId, DocumentId = filing.DocumentId, Attempts = message.Attempts + 1 };
    }

    private static string? Truncate(string? reason) => reason is { Length: > 500 } ? reason[..500] : reason;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Filing inbound message {MessageId} from {Source} failed; a retry is queued")]
    private static partial void LogFilingFailed(ILogger logger, Exception exception, Guid messageId, string source);
}
