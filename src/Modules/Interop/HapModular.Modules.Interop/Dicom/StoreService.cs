using HapModular.Dicom;
using HapModular.Modules.Interop.Inbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HapModular.Modules.Interop.Dicom;

/// <summary>
/// The C-STORE service (PS3.4 B.2.3): wraps the data set in a Part 10 file, checks it reads and matches the command,
/// and hands it to the inbound pipeline. Statuses: 0000 kept (filed, held for the desk, or queued for a retry —
/// accepted and never lost), A700 out of resources (nothing kept: the sender retries), A900 data set does not match
/// the SOP class, C000 cannot understand (unreadable, or refused by the ingestion; the reason in Error Comment).
/// </summary>
internal sealed partial class StoreService(IServiceScopeFactory scopes, ILogger<StoreService> logger)
{
    public const ushort Success = 0x0000;
    public const ushort OutOfResources = 0xA700;
    public const ushort DataSetDoesNotMatchSopClass = 0xA900;
    public const ushort CannotUnderstand = 0xC000;

    public async Task<(ushort Status, string? Comment)> StoreAsync(string callingAe, string? clientAddress, NegotiatedContext context, DimseMessage message, CancellationToken cancellationToken)
    {
        var sopClass = message.Command.GetUid(CommandSet.AffectedSopClassUid) ?? string.Empty;
        var sopInstance = message.Command.GetUid(CommandSet.AffectedSopInstanceUid) ?? string.Empty;
        if (message.DatasetTooLarge)
        {
            return (OutOfResources, "data set larger than the portal accepts");
        }

        if (sopClass != context.AbstractSyntax || sopInstance.Length == 0 || message.Dataset is null)
        {
            return (DataSetDoesNotMatchSopClass, "affected SOP class or instance missing or not the context's");
        }

        var file = Part10.Wrap(message.Dataset, sopClass, sopInstance, context.TransferSyntax!, callingAe);
        if (!DicomFile.TryRead(file, out var parsed, out var error) || parsed is null)
        {
            await KeepRefusedAsync(callingAe, file, "unreadable data set: " + error, cancellationToken);
            return (CannotUnderstand, "unreadable data set");
        }

        if (parsed.Dataset.GetString(DicomTags.SopInstanceUid)?.Trim() != sopInstance || parsed.Dataset.GetString(DicomTags.SopClassUid)?.Trim() != sopClass)
        {
            await KeepRefusedAsync(callingAe, file, "SOP class or instance UID of the data set differs from the command's", cancellationToken);
            return (DataSetDoesNotMatchSopClass, "data set UIDs differ from the command's");
        }

        InboundMessage kept;
        try
        {
            // One scope per instance, as an HTTP request has: the mediator pipeline and its scoped services.
            await using var scope = scopes.CreateAsyncScope();
            kept = await scope.ServiceProvider.GetRequiredService<InboundPipeline>().ReceiveAsync(InboundSources.Dicom, callingAe, sopInstance, file, clientAddress, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            LogNotKept(logger, ex, callingAe);
            return (OutOfResources, "cannot keep the instance now; send it again later");
        }

        return kept.Status == InboundStatus.Refused ? (CannotUnderstand, kept.Reason) : (Success, null);
    }

    private async Task KeepRefusedAsync(string callingAe, byte[] file, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<InboundPipeline>().KeepRefusedAsync(InboundSources.Dicom, callingAe, file, reason, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            LogNotKept(logger, ex, callingAe);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "C-STORE from {CallingAe}: the instance could not be kept")]
    private static partial void LogNotKept(ILogger logger, Exception exception, string callingAe);
}
