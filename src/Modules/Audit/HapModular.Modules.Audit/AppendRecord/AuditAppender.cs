using System.Threading.Channels;
using HapModular.Modules.Audit.Chain;
using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Audit.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HapModular.Modules.Audit.AppendRecord;

/// <summary>
/// Group commit for the chain: appends wait in a queue; one writer takes everything queued, links it to the chain
/// head and writes it in one transaction (one lock, one head read, one batched insert, one commit), then releases
/// every waiter with its receipt. A request still returns only after its record is committed — nothing is served
/// unaudited — but 32 concurrent readers cost one transaction instead of 32 serialised ones.
/// The transaction-scoped advisory lock keeps several hosts on one database in one chain.
/// </summary>
internal sealed partial class AuditAppender : IAsyncDisposable
{
    private const long ChainLock = 0x4841_5041_5544_4954;
    private const int MaxBatch = 512;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly AuditDatabase database;
    private readonly AuditKeys keys;
    private readonly AuditCheckpoints checkpoints;
    private readonly TimeProvider time;
    private readonly ILogger<AuditAppender> logger;
    private readonly Task writer;

    private AuditReceipt? head;

    // The writer loop's own, made once (issue 15: a host serving one request at a time paid a pooled connection's
    // opening, a batch and its fixed commands for every single row). Touched by RunAsync's loop only.
    private readonly AuditRowWriter rowWriter = new();
    private readonly NpgsqlBatch appendBatch = new();
    private readonly NpgsqlBatchCommand begin = new("BEGIN ISOLATION LEVEL READ COMMITTED");
    private readonly NpgsqlBatchCommand chainLock = new("SELECT pg_advisory_xact_lock($1)") { Parameters = { new NpgsqlParameter<long> { TypedValue = ChainLock } } };
    private readonly NpgsqlBatchCommand commit = new("COMMIT");
    private readonly NpgsqlBatchCommand headSelect = new("SELECT seq, hash FROM audit.records ORDER BY seq DESC LIMIT 1");
    private NpgsqlConnection? connection;
    private long connectionUsed;

    // Idle longer than this, the kept connection is checked (one round trip) before a batch is written on it: a
    // database restarted or a firewall that dropped the quiet connection must not refuse the first accesses after a
    // quiet night. While appends keep coming, nothing is checked: a connection lost then fails its batch (fail closed).
    private static readonly TimeSpan KeptIdle = TimeSpan.FromSeconds(30);

    // Batches left that read the chain's head before writing (after another host was found to have appended).
    private int readHeadFirst;

    public AuditAppender(AuditDatabase database, AuditKeys keys, AuditCheckpoints checkpoints, TimeProvider time, ILogger<AuditAppender> logger)
    {
        this.database = database;
        this.keys = keys;
        this.checkpoints = checkpoints;
        this.time = time;
        this.logger = logger;
        writer = Task.Run(RunAsync);
    }

    public Task<AuditReceipt> AppendAsync(RecordAudit request)
    {
        var pending = new Pending(request, new TaskCompletionSource<AuditReceipt>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The audit trail is closed.");
        }

        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await writer;
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        await appendBatch.DisposeAsync();
        if (head is { } last)
        {
            // The head this host wrote last, so a truncation after shutdown is detected too.
            checkpoints.Offer(last.Sequence, last.Hash, force: true);
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                var receipts = await WriteAsync(batch);
                head = receipts[^1];
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(receipts[i]);
                }

                Checkpoint(head);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Fail closed: every waiter fails, so no access is served without its record.
                LogAppendFailed(logger, ex, batch.Count);
                foreach (var p in batch)
                {
                    p.Completion.TrySetException(ex);
                }
            }

            batch.Clear();
        }
    }

    private async Task<List<AuditReceipt>> WriteAsync(List<Pending> batch)
    {
        // One connection kept open by the writer (a pooled one is opened only when it is gone or broken).
        if (connection is not { FullState: System.Data.ConnectionState.Open } || (time.GetElapsedTime(connectionUsed) > KeptIdle && !await IsAliveAsync(connection)))
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            // Not left pointing at the disposed one if opening fails.
            connection = null;
            connection = await database.DataSource.OpenConnectionAsync();
        }

        connectionUsed = time.GetTimestamp();
        var open = connection;
        try
        {
            return await WriteAsync(open, batch);
        }
        catch when (open.FullState == System.Data.ConnectionState.Open)
        {
            // The transaction is the statements' own (no NpgsqlTransaction): end it, so a failed append leaves neither an
            // open transaction nor the chain's lock behind on the connection the next batch uses.
            await using var rollback = new NpgsqlCommand("ROLLBACK", open);
            await rollback.ExecuteNonQueryAsync();
            throw;
        }
        finally
        {
            appendBatch.BatchCommands.Clear();
        }
    }

    private static async Task<bool> IsAliveAsync(NpgsqlConnection kept)
    {
        try
        {
            await using var ping = new NpgsqlCommand("SELECT 1", kept);
            await ping.ExecuteScalarAsync();
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            return false;
        }
    }

    // One round trip per batch when this host wrote the chain's head last (the usual case): BEGIN, the chain's lock,
    // each row inserted only if the head is still the record it links to (checked by the database under the lock, not
    // trusted from memory), and COMMIT. If another host appended meanwhile no row goes in, and the batch is written
    // again from the real head below. After such a miss the next batches read the head first for a while: with several
    // busy hosts appending in turn, guessing would mostly cost a round trip more.
    private async Task<List<AuditReceipt>> WriteAsync(NpgsqlConnection connection, List<Pending> batch)
    {
        if (head is { } known && readHeadFirst == 0)
        {
            var receipts = Rows(batch, known.Sequence, known.Hash, out var rows, ifHead: true);
            var guessed = Locked(connection);
            foreach (var row in rows)
            {
                guessed.BatchCommands.Add(row);
            }

            guessed.BatchCommands.Add(commit);
            await guessed.ExecuteNonQueryAsync();
            // All or nothing: the first row goes in only on the right head, each next one only after its predecessor.
            if (rows.TrueForAll(r => r.RecordsAffected == 1))
            {
                return receipts;
            }

            if (rows.Exists(r => r.RecordsAffected == 1))
            {
                throw new InvalidOperationException("The audit chain's head moved inside a locked append.");
            }

            readHeadFirst = 64;
        }
        else if (readHeadFirst > 0)
        {
            readHeadFirst--;
        }

        return await WriteFromHeadAsync(connection, batch);
    }

    // Two round trips: BEGIN, the chain's lock and its head in the first; the rows and COMMIT in the second (a failing
    // INSERT makes PostgreSQL skip the COMMIT that follows it, and the caller rolls back). The lock is held from the
    // head's read to the commit: one serialised chain across hosts.
    private async Task<List<AuditReceipt>> WriteFromHeadAsync(NpgsqlConnection connection, List<Pending> batch)
    {
        long last = 0;
        var previous = AuditHash.Genesis;
        // The writer's own batch and commands again (several hosts appending in turn take this path on most batches).
        var step = Locked(connection);
        step.BatchCommands.Add(headSelect);
        await using (var reader = await step.ExecuteReaderAsync())
        {
            // The reader starts at the first statement that returns rows (the lock's): BEGIN returns none.
            await reader.NextResultAsync();
            if (await reader.ReadAsync())
            {
                last = reader.GetInt64(0);
                previous = reader.GetString(1);
            }
        }

        var receipts = Rows(batch, last, previous, out var rows, ifHead: false);
        step.BatchCommands.Clear();
        foreach (var row in rows)
        {
            step.BatchCommands.Add(row);
        }

        step.BatchCommands.Add(commit);
        await step.ExecuteNonQueryAsync();

        return receipts;
    }

    // The writer's batch on this connection, emptied (WriteAsync empties it again whatever happens), opening the
    // transaction and taking the chain's lock.
    private NpgsqlBatch Locked(NpgsqlConnection connection)
    {
        appendBatch.Connection = connection;
        appendBatch.BatchCommands.Clear();
        appendBatch.BatchCommands.Add(begin);
        appendBatch.BatchCommands.Add(chainLock);
        return appendBatch;
    }

    /// <summary>The batch's rows linked after (<paramref name="last"/>, <paramref name="previous"/>), and their receipts.</summary>
    private List<AuditReceipt> Rows(List<Pending> batch, long last, string previous, out List<NpgsqlBatchCommand> rows, bool ifHead)
    {
        // PostgreSQL keeps microseconds: truncate now so the hash is computed over what is stored.
        var now = time.GetUtcNow();
        now = new DateTimeOffset(now.Ticks - (now.Ticks % 10), TimeSpan.Zero);
        var receipts = new List<AuditReceipt>(batch.Count);
        rows = new List<NpgsqlBatchCommand>(batch.Count);
        foreach (var p in batch)
        {
            var r = p.Request;
            var row = new AuditRow(++last, now, r.Action, r.Outcome.ToString(), r.ActorUserId, r.ActorName, r.ActorInami,
                r.ClientAddress, r.PatientId, r.DocumentId, r.DocumentTitle, r.Purpose, r.Reason, r.LinkOrGrantId);
            var hash = AuditHash.Compute(keys.Current, previous, row);
            rows.Add(rowWriter.Command(rows.Count, row, previous, hash, keys.CurrentId, ifHead));
            receipts.Add(new AuditReceipt(row.Sequence, hash));
            previous = hash;
        }

        return receipts;
    }

    private void Checkpoint(AuditReceipt committed)
    {
        try
        {
            checkpoints.Offer(committed.Sequence, committed.Hash);
        }
        catch (IOException ex)
        {
            // The records are committed; only the outside witness of the head is late. Loud, not fatal.
            LogCheckpointFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the audit checkpoint failed; truncation after this point would not be detected until the next one")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Appending {Count} audit record(s) failed; the accesses waiting for them are refused")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, int count);

    private sealed record Pending(RecordAudit Request, TaskCompletionSource<AuditReceipt> Completion);
}
