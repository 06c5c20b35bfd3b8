using System.Buffers.Binary;
using Microsoft.Extensions.Logging;

namespace HapModular.Modules.Interop.Dicom;

/// <summary>
/// One association, from A-ASSOCIATE-RQ to A-RELEASE or A-ABORT (PS3.8 state machine, acceptor side): negotiation,
/// then DIMSE messages answered in order — C-ECHO, C-STORE; any other command "unrecognized operation".
/// A protocol error aborts the association; a bad data set gets a C-STORE status and the association goes on.
/// </summary>
internal sealed partial class DicomAssociation(Stream stream, string? clientAddress, DicomOptions options, StoreService store, ILogger logger)
{
    private readonly Dictionary<byte, NegotiatedContext> accepted = [];
    private uint peerMaxPdu;

    public async Task RunAsync(bool overLimit, CancellationToken cancellationToken)
    {
        try
        {
            var first = await ReadAsync(cancellationToken);
            if (first is not { Type: PduType.AssociateRq } rq)
            {
                if (first is not null)
                {
                    await WriteAsync(UpperLayer.Abort(2, UpperLayer.AbortUnexpectedPdu), cancellationToken);
                }

                return;
            }

            var request = AssociateRequest.Parse(rq.Body);
            if (Reject(request, overLimit) is { } rejection)
            {
                LogRejected(logger, request.CallingAe, clientAddress);
                await WriteAsync(rejection, cancellationToken);
                return;
            }

            peerMaxPdu = request.PeerMaxPduLength;
            var contexts = request.Contexts.Select(Negotiation.Negotiate).ToList();
            foreach (var c in contexts.Where(c => c.Accepted))
            {
                accepted[c.Id] = c;
            }

            await WriteAsync(Negotiation.AssociateAc(request, contexts, DicomOptions.MaxPduLength), cancellationToken);
            await ServeAsync(request.CallingAe, cancellationToken);
        }
        catch (UpperLayerException ex)
        {
            LogAborted(logger, clientAddress, ex.Message);
            await TryWriteAsync(UpperLayer.Abort(2, ex.AbortReason));
        }
        catch (DimseException ex)
        {
            LogAborted(logger, clientAddress, ex.Message);
            await TryWriteAsync(UpperLayer.Abort(2, UpperLayer.AbortInvalidPduParameter));
        }
    }

    private byte[]? Reject(AssociateRequest request, bool overLimit)
    {
        if ((request.ProtocolVersion & 1) == 0)
        {
            return UpperLayer.AssociateRj(1, 2, 2); // ACSE: protocol version not supported
        }

        if (request.ApplicationContext != AssociateRequest.DicomApplicationContext)
        {
            return UpperLayer.AssociateRj(1, 1, 2); // user: application context name not supported
        }

        if (!string.Equals(request.CalledAe, options.AeTitle, StringComparison.Ordinal))
        {
            return UpperLayer.AssociateRj(1, 1, 7); // user: called AE title not recognised
        }

        if (!options.AllowedCallingAeTitles.Contains(request.CallingAe))
        {
            return UpperLayer.AssociateRj(1, 1, 3); // user: calling AE title not recognised
        }

        return overLimit ? UpperLayer.AssociateRj(2, 3, 2) : null; // presentation: local limit exceeded (transient)
    }

    private async Task ServeAsync(string callingAe, CancellationToken cancellationToken)
    {
        var reader = new PDataReader(options.MaxDatasetBytes);
        while (await ReadAsync(cancellationToken) is { } pdu)
        {
            switch (pdu.Type)
            {
                case PduType.PData:
                    if (reader.Add(pdu.Body, accepted.ContainsKey) is { } message)
                    {
                        var response = await HandleAsync(callingAe, message, cancellationToken);
                        await SendCommandAsync(message.ContextId, response.Encode(), cancellationToken);
                    }

                    break;
                case PduType.ReleaseRq:
                    await WriteAsync(UpperLayer.ReleaseRp(), cancellationToken);
                    return;
                case PduType.Abort:
                    return;
                default:
                    throw new UpperLayerException($"unexpected {pdu.Type} during the association");
            }
        }
    }

    private async Task<CommandSet> HandleAsync(string callingAe, DimseMessage message, CancellationToken cancellationToken)
    {
        var context = accepted[message.ContextId];
        var field = message.Command.GetUInt16(CommandSet.CommandField);
        if (field == CommandSet.CEchoRq && context.AbstractSyntax == Negotiation.VerificationSopClass)
        {
            return CommandSet.Response(message.Command, CommandSet.CEchoRsp, 0x0000);
        }

        if (field == CommandSet.CStoreRq && context.AbstractSyntax != Negotiation.VerificationSopClass)
        {
            var (status, comment) = await store.StoreAsync(callingAe, clientAddress, context, message, cancellationToken);
            var response = CommandSet.Response(message.Command, CommandSet.CStoreRsp, status);
            return comment is null ? response : response.Set(CommandSet.ErrorComment, comment.Length > 64 ? comment[..64] : comment, ' ');
        }

        // PS3.7 C.4.2: unrecognized operation.
        return CommandSet.Response(message.Command, (ushort)((field ?? 0) | 0x8000), 0x0211);
    }

    private async Task SendCommandAsync(byte contextId, byte[] command, CancellationToken cancellationToken)
    {
        // Fragments no larger than the peer's maximum PDU length (0 = no limit): PDU body = 4 (length) + 2 + data.
        var maxData = peerMaxPdu is 0 or > DicomOptions.MaxPduLength ? command.Length : Math.Max(1, (int)peerMaxPdu - 6);
        for (var offset = 0; offset < command.Length; offset += maxData)
        {
            var chunk = command.AsSpan(offset, Math.Min(maxData, command.Length - offset));
            var body = new byte[6 + chunk.Length];
            BinaryPrimitives.WriteUInt32BigEndian(body, (uint)(chunk.Length + 2));
            body[4] = contextId;
            body[5] = (byte)(offset + chunk.Length == command.Length ? 0x03 : 0x01);
            chunk.CopyTo(body.AsSpan(6));
            await WriteAsync(UpperLayer.Frame(PduType.PData, body), cancellationToken);
        }
    }

    private async Task<Pdu?> ReadAsync(CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(options.IdleTimeout);
        try
        {
            return await UpperLayer.ReadAsync(stream, DicomOptions.MaxPduLength, idle.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UpperLayerException("idle timeout (ARTIM)");
        }
    }

    private async Task WriteAsync(byte[] pdu, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(pdu, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    private async Task TryWriteAsync(byte[] pdu)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await WriteAsync(pdu, timeout.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone: nothing to tell it.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "DICOM association from {Client} aborted: {Problem}")]
    private static partial void LogAborted(ILogger logger, string? client, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DICOM association from {CallingAe} at {Client} rejected")]
    private static partial void LogRejected(ILogger logger, string callingAe, string? client);
}
