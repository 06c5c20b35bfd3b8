using HapModular.Modules.Audit.Contracts;
using MediatR;

namespace HapModular.Modules.Audit.AppendRecord;

/// <summary>Appends a record at the end of the chain (group-committed, see <see cref="AuditAppender"/>) and announces it.</summary>
internal sealed class RecordAuditHandler(AuditAppender appender, IMediator mediator) : IRequestHandler<RecordAudit, AuditReceipt>
{
    public async Task<AuditReceipt> Handle(RecordAudit request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Not cancelled with the request: an access that happened is recorded even if the client went away.
        var receipt = await appender.AppendAsync(request);
        await mediator.Publish(new AuditRecorded(receipt.Sequence, request.Action, request.Outcome), cancellationToken);
        return receipt;
    }
}
