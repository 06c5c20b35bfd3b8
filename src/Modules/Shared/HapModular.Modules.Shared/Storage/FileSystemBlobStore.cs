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
    public async Task<byte[]> GetAsync(string sha256, CancellationToken cancellationToken)
    {
        if (!IsValidId(sha256))
        {
            throw new BlobNotFoundException(sha256);
        }

        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            throw new BlobNotFoundException(sha256);
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), sha256, StringComparison.Ordinal))
        {
            throw new BlobCorruptedException(sha256);
        }

        return bytes;
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
