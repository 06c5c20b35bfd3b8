using System.Text;
using HapModular.Modules.Interop.Inbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HapModular.Modules.Interop.Hl7;

/// <summary>
/// One received HL7 message → its ACK. Malformed, unsupported or unfileable messages are kept as refused (the admin
/// page shows them) and answered AR/AE; the others go through the inbound pipeline, idempotent on sender + MSH-10.
/// </summary>
internal sealed partial class Hl7Receiver(IServiceScopeFactory scopes, TimeProvider time, ILogger<Hl7Receiver> logger)
{
    public async Task<string> ReceiveAsync(byte[] raw, string? clientAddress, CancellationToken cancellationToken)
    {
        Hl7Message? message = null;
        await using var scope = scopes.CreateAsyncScope();
        var pipeline = scope.ServiceProvider.GetRequiredService<InboundPipeline>();
        try
        {
            message = Hl7Message.Parse(Decode(raw));
            var document = Hl7Document.From(message, raw);
            var kept = await pipeline.ReceiveAsync(InboundSources.Hl7, document.Sender, document.Sender + "|" + document.ControlId, raw, clientAddress, cancellationToken);
            return kept.Status == InboundStatus.Refused
                ? Hl7Ack.Build(message, "AE", "207", kept.Reason, time.GetUtcNow())
                : Hl7Ack.Build(message, "AA", null, null, time.GetUtcNow());
        }
        catch (Hl7FormatException ex)
        {
            await KeepRefusedAsync(pipeline, raw, ex.Message, cancellationToken);
            return Hl7Ack.Build(null, "AR", "100", ex.Message, time.GetUtcNow());
        }
        catch (Hl7ContentException ex)
        {
            await KeepRefusedAsync(pipeline, raw, ex.Message, cancellationToken);
            return Hl7Ack.Build(message, ex.IsReject ? "AR" : "AE", ex.Code, ex.Message, time.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            LogNotKept(logger, ex);
            return Hl7Ack.Build(message, "AE", "207", "the message could not be kept now; send it again later", time.GetUtcNow());
        }
    }

    /// <summary>MSH-18 "8859/1" is Latin-1; otherwise UTF-8 (ASCII is both).</summary>
    public static string Decode(byte[] raw)
    {
        var latin1 = Encoding.Latin1.GetString(raw);
        var msh = latin1.Split('\r', '\n')[0];
        return msh.Length > 3 && msh.Split(msh[3]).ElementAtOrDefault(17) is "8859/1" ? latin1 : Encoding.UTF8.GetString(raw);
    }

    private async Task KeepRefusedAsync(InboundPipeline pipeline, byte[] raw, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.KeepRefusedAsync(InboundSources.Hl7, "unknown", raw, reason, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            LogNotKept(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "HL7 message could not be kept")]
    private static partial void LogNotKept(ILogger logger, Exception exception);
}
