using HapModular.Modules.Shared.Storage;
using HapModular.Modules.Shared.Telemetry;

namespace HapModular.Modules.Records.DicomWeb;

/// <summary>
/// The bytes of the DICOM files frames were last pulled from, keyed by their SHA-256 (checked when read from the blob
/// store, so an entry can never be stale): a viewer pulls a multi-frame file frame by frame, and each frame request
/// would otherwise read and hash the whole file again. Bounded in bytes, least recently used out first. It decides
/// nothing: every request has passed the guard before it asks.
/// </summary>
internal sealed class RecentDicomContent(IBlobStore blobs, HapMetrics metrics)
{
    private const long Budget = 96L * 1024 * 1024;
    private const int LargestKept = 32 * 1024 * 1024;
    private readonly LinkedList<(string Sha256, byte[] Content)> order = new();
    private readonly Dictionary<string, LinkedListNode<(string Sha256, byte[] Content)>> entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<byte[]?>> readingAhead = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private long size;

    public async Task<byte[]> GetAsync(string sha256, CancellationToken cancellationToken)
    {
        if (await AtHandAsync(sha256, cancellationToken) is { } kept)
        {
            return kept;
        }

        metrics.DicomContentRead("store");
        var content = await blobs.GetAsync(sha256, cancellationToken);
        Keep(sha256, content);
        return content;
    }

    /// <summary>
    /// What <paramref name="use"/> makes of a file's bytes: at once when they were read lately, else while the blob
    /// store checks their hash beside it (see <see cref="IBlobStore.UseAsync"/>); kept for the next request only once
    /// checked.
    /// </summary>
    public async Task<T> UseAsync<T>(string sha256, Func<byte[], Task<T>> use, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(use);
        if (await AtHandAsync(sha256, cancellationToken) is { } kept)
        {
            return await use(kept);
        }

        metrics.DicomContentRead("store");
        byte[]? read = null;
        var result = await blobs.UseAsync(sha256, (content, _) => use(read = content), cancellationToken);
        Keep(sha256, read!);
        return result;
    }

    /// <summary>Whether the file's bytes are kept or being read ahead (a request for it would not read the store itself).</summary>
    public bool IsAtHand(string sha256)
    {
        lock (gate)
        {
            return entries.ContainsKey(sha256) || readingAhead.ContainsKey(sha256);
        }
    }

    /// <summary>
    /// Reads a file before anyone asks for it and keeps it once its hash is checked. Damaged or missing, it is not kept and
    /// no error is raised here: the request that asks for it reads it again and answers that error, reported as always.
    /// </summary>
    public async Task ReadAheadAsync(string sha256, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (entries.ContainsKey(sha256) || !readingAhead.TryAdd(sha256, done.Task))
            {
                return;
            }
        }

        byte[]? content = null;
        try
        {
            content = await blobs.GetAsync(sha256, cancellationToken);
            Keep(sha256, content);
        }
        catch (Exception ex) when (ex is BlobCorruptedException or BlobNotFoundException)
        {
            content = null;
        }
        finally
        {
            lock (gate)
            {
                readingAhead.Remove(sha256);
            }

            done.SetResult(content);
        }
    }

    /// <summary>The file's bytes if kept, or once the read ahead of them ends well; else null (the caller reads the store).</summary>
    private async Task<byte[]?> AtHandAsync(string sha256, CancellationToken cancellationToken)
    {
        Task<byte[]?>? ahead = null;
        var found = Recent(sha256);
        if (found is null)
        {
            lock (gate)
            {
                ahead = readingAhead.GetValueOrDefault(sha256);
            }

            // Kept by a read ahead that ended between the two looks: found again here rather than read a second time.
            found = ahead is null ? Recent(sha256) : await ahead.WaitAsync(cancellationToken);
        }

        if (found is not null)
        {
            metrics.DicomContentRead(ahead is null ? "kept" : "awaited");
        }

        return found;
    }

    private byte[]? Recent(string sha256)
    {
        lock (gate)
        {
            if (!entries.TryGetValue(sha256, out var node))
            {
                return null;
            }

            order.Remove(node);
            order.AddFirst(node);
            return node.Value.Content;
        }
    }

    private void Keep(string sha256, byte[] content)
    {
        if (content.Length > LargestKept)
        {
            return;
        }

        lock (gate)
        {
            if (entries.ContainsKey(sha256))
            {
                return;
            }

            entries[sha256] = order.AddFirst((sha256, content));
            size += content.Length;
            while (size > Budget && order.Last is { } last)
            {
                order.RemoveLast();
                entries.Remove(last.Value.Sha256);
                size -= last.Value.Content.Length;
            }
        }
    }
}
