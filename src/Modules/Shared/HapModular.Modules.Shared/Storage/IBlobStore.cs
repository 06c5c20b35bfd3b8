namespace HapModular.Modules.Shared.Storage;

/// <summary>
/// Content-addressed storage for document content: a blob is named by the SHA-256 of its bytes, written once,
/// verified on every read. Behind this interface so an S3-compatible store can replace the file system.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores bytes (idempotent: the same bytes give the same id and no second copy).</summary>
    /// <returns>The lower-case hex SHA-256, which is the blob id.</returns>
    Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Reads a blob and verifies its hash.</summary>
    /// <exception cref="BlobNotFoundException">No such blob.</exception>
    /// <exception cref="BlobCorruptedException">The stored bytes no longer match their hash; never serve them.</exception>
    Task<byte[]> GetAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>
    /// Reads a blob and hands its bytes to <paramref name="use"/> while their hash is checked beside it; returns what
    /// <paramref name="use"/> returned only once the bytes are proven to be the blob's. Nothing <paramref name="use"/>
    /// makes of them may leave the host before this returns.
    /// </summary>
    /// <exception cref="BlobNotFoundException">No such blob.</exception>
    /// <exception cref="BlobCorruptedException">The stored bytes no longer match their hash, whatever <paramref name="use"/> did.</exception>
    Task<T> UseAsync<T>(string sha256, Func<byte[], CancellationToken, Task<T>> use, CancellationToken cancellationToken);

    /// <summary>Whether a blob exists (no verification).</summary>
    bool Exists(string sha256);
}

/// <summary>The blob does not exist.</summary>
public sealed class BlobNotFoundException(string sha256) : Exception("Blob not found: " + sha256);

/// <summary>The blob's bytes do not match its name: storage corruption or tampering.</summary>
public sealed class BlobCorruptedException(string sha256) : Exception("Blob content does not match its SHA-256: " + sha256);
