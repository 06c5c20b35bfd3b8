using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Shared.Telemetry;
using MediatR;

namespace HapModular.Modules.Audit.AppendRecord;

/// <summary>Appends a record at the end of the chain (group-committed, see <see cref="AuditAppender"/>) and announces it.</summary>
internal sealed class RecordAuditHandler(AuditAppender appender, IMediator mediator, HapMetrics metrics, TimeProvider time) : IRequestHandler<RecordAudit, AuditReceipt>
{
    public async Task<AuditReceipt> Handle(RecordAudit request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Not cancelled with the request: an access that happened is recorded even if the client went away.
        var started = time.GetTimestamp();
        var receipt = await appender.AppendAsync(request);
        metrics.AuditAppended(time.GetElapsedTime(started));
        await mediator.Publish(new AuditRecorded(receipt.Sequence, request.Action, request.Outcome), cancellationToken);
        return receipt;
    }
}
