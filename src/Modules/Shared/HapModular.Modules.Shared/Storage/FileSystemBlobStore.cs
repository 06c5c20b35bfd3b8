using System.Security.Cryptography;

namespace HapModular.Modules.Shared.Storage;

/// <summary>
/// Blobs as files <c>{root}/ab/cd/abcdef…</c> (two fan-out levels keep folders small with millions of files).
/// Writes go to a temporary file in the same folder, are flushed, then renamed: a crash never leaves a half blob
/// under a valid name, and a reader (on any host sharing the folder) sees a blob whole or not at all. Several hosts may
/// store the same bytes at once: each renames its own complete copy over the name. A blob already there is trusted only
/// when its bytes still match its name; a damaged one is written again.
/// </summary>
public sealed class FileSystemBlobStore(string root) : IBlobStore
{
    /// <inheritdoc />
    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        var path = PathOf(id);
        if (File.Exists(path) && await IsIntactAsync(path, id, cancellationToken))
        {
            return id;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return id;
    }

    /// <inheritdoc />
    public Task<byte[]> GetAsync(string sha256, CancellationToken cancellationToken) =>
        Started((_, c) =>
        {
            var bytes = Read(sha256, c);
            return Matches(bytes, sha256) ? Task.FromResult(bytes) : throw new BlobCorruptedException(sha256);
        }, [], cancellationToken);

    /// <inheritdoc />
    public async Task<T> UseAsync<T>(string sha256, Func<byte[], CancellationToken, Task<T>> use, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(use);
        var bytes = Read(sha256, cancellationToken);

        // The hash runs on another core beside use: a viewer's first image of a file no longer waits for a third of a
        // millisecond of SHA-256 per half-megabyte before its decoding starts. What use made is returned only once the
        // bytes match their name. use sees the bytes before that: a parser that takes every uploaded file is given no
        // new kind of input by a damaged one.
        var check = Task.Run(() => Matches(bytes, sha256), CancellationToken.None);
        var used = Started(use, bytes, cancellationToken);
        await ((Task)used).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!await check)
        {
            // Whatever use did with damaged bytes (a result, or an error of its own) is not the answer: the damage is.
            _ = used.Exception;
            throw new BlobCorruptedException(sha256);
        }

        return await used;
    }

    // An error use throws before its first await is its task's error too: it must wait for the check like any other (and
    // GetAsync's errors are its task's, as an async method's are: a caller awaiting it inside its own try sees them there).
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031", Justification = "Rethrown by the await of the task.")]
    private static Task<T> Started<T>(Func<byte[], CancellationToken, Task<T>> use, byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            return use(bytes, cancellationToken);
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    // Read on the calling thread. RandomAccess.ReadAsync on a handle opened without FileOptions.Asynchronous (Linux has
    // no asynchronous file reads .NET uses) only queues the same blocking read to another pool thread: the same thread
    // blocked, plus a hop each way, on the path of a viewer's every first image of a file.
    private byte[] Read(string sha256, CancellationToken cancellationToken)
    {
        if (!IsValidId(sha256))
        {
            throw new BlobNotFoundException(sha256);
        }

        cancellationToken.ThrowIfCancellationRequested();

        try
        {
            using var handle = File.OpenHandle(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            var length = RandomAccess.GetLength(handle);
            if (length > Array.MaxLength)
            {
                throw new BlobCorruptedException(sha256);
            }

            // Not zeroed first (a fresh half-megabyte array costs as much to clear as to read): the loop below fills
            // every byte or throws, so no uninitialised byte is ever returned.
            var bytes = GC.AllocateUninitializedArray<byte>((int)length);
            var done = 0;
            while (done < bytes.Length)
            {
                var read = RandomAccess.Read(handle, bytes.AsSpan(done), done);
                if (read == 0)
                {
                    // Shorter than when it was opened: not the blob its name says.
                    throw new BlobCorruptedException(sha256);
                }

                done += read;
            }

            return bytes;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BlobNotFoundException(sha256);
        }
    }

    private static bool Matches(byte[] bytes, string sha256)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return Convert.FromHexString(sha256).AsSpan().SequenceEqual(hash);
    }

    private static async Task<bool> IsIntactAsync(string path, string sha256, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return string.Equals(Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken)), sha256, StringComparison.Ordinal);
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public bool Exists(string sha256) => IsValidId(sha256) && File.Exists(PathOf(sha256));

    /// <summary>The file path of a blob (exposed for tests that simulate corruption).</summary>
    public string PathOf(string sha256) => Path.Combine(root, sha256[..2], sha256[2..4], sha256);

    // Ids come from URLs and databases: only 64 lower-case hex characters may become a path.
    private static bool IsValidId(string id) => id.Length == 64 && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
