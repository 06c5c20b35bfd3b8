using Hangfire;
using HapModular.Modules.Shared.Storage;
using Microsoft.Extensions.Logging;

namespace HapModular.Modules.Interop.Inbox;

/// <summary>
/// Hangfire job (argument: the message id): files a kept message again. Hangfire retries a throw with its back-off;
/// once the message has had <see cref="InboundPipeline.MaxAttempts"/> attempts it goes to the dead-letter list.
/// </summary>
internal sealed partial class InboundRetryJob(InboxStore inbox, IBlobStore blobs, InboundPipeline pipeline, ILogger<InboundRetryJob> logger)
{
    [AutomaticRetry(Attempts = InboundPipeline.MaxAttempts - 1, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(Guid messageId, CancellationToken cancellationToken)
    {
        var message = await inbox.FindAsync(messageId, cancellationToken);
        if (message is null || message.Status is not (InboundStatus.Received or InboundStatus.Failed))
        {
            return;
        }

        try
        {
            var raw = await blobs.GetAsync(message.BlobSha256, cancellationToken);
            await pipeline.FileAsync(message, raw, null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            var dead = message.Attempts + 1 >= InboundPipeline.MaxAttempts;
            await inbox.SetStatusAsync(message.Id, dead ? InboundStatus.Dead : InboundStatus.Failed, "filing failed: " + ex.GetType().Name + ": " + First(ex.Message), null, null, CancellationToken.None);
            LogRetryFailed(logger, ex, messageId, message.Attempts + 1);
            if (!dead)
            {
                throw;
            }
        }
    }

    private static string First(string text) => text.Length > 200 ? text[..200] : text;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retry of inbound message {MessageId} failed (attempt {Attempt})")]
    private static partial void LogRetryFailed(ILogger logger, Exception exception, Guid messageId, int attempt);
}
