using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Audit.Storage;
using MediatR;
using Npgsql;

namespace HapModular.Modules.Audit.AppendRecord;

/// <summary>Appends a record at the end of the chain. Appends are serialised by a transaction-scoped lock.</summary>
internal sealed class RecordAuditHandler(AuditDatabase database, TimeProvider time, IMediator mediator) : IRequestHandler<RecordAudit, AuditReceipt>
{
    // Any constant works; it only has to be the same for every appender.
    private const long ChainLock = 0x4841_5041_5544_4954;

    public async Task<AuditReceipt> Handle(RecordAudit request, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@k)", connection, tx))
        {
            lockCommand.Parameters.AddWithValue("k", ChainLock);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        long last = 0;
        var previous = AuditHash.Genesis;
        await using (var head = new NpgsqlCommand("SELECT seq, hash FROM audit.records ORDER BY seq DESC LIMIT 1", connection, tx))
        await using (var reader = await head.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                last = reader.GetInt64(0);
                previous = reader.GetString(1);
            }
        }

        // PostgreSQL keeps microseconds: truncate now so the hash is computed over what is stored.
        var now = time.GetUtcNow();
        now = new DateTimeOffset(now.Ticks - (now.Ticks % 10), TimeSpan.Zero);
        var row = new AuditRow(last + 1, now, request.Action, request.Outcome.ToString(), request.ActorUserId, request.ActorName, request.ActorInami,
            request.ClientAddress, request.PatientId, request.DocumentId, request.DocumentTitle, request.Purpose, request.Reason, request.LinkOrGrantId);
        var hash = AuditHash.Compute(previous, row);
        await AuditRowWriter.InsertAsync(connection, tx, row, previous, hash, cancellationToken);
        await tx.CommitAsync(cancellationToken);

        await mediator.Publish(new AuditRecorded(row.Sequence, row.Action, request.Outcome), cancellationToken);
        return new AuditReceipt(row.Sequence, hash);
    }
}
