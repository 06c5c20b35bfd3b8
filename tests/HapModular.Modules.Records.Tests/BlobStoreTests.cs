using System.Security.Cryptography;
using HapModular.Modules.Shared.Storage;

namespace HapModular.Modules.Records.Tests;

public sealed class BlobStoreTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "hap-blob-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_blob_is_named_by_its_sha256_stored_once_and_leaves_no_temporary_file()
    {
        var store = new FileSystemBlobStore(root);
        byte[] content = [1, 2, 3, 4];
        var id = await store.PutAsync(content, default);
        var again = await store.PutAsync(content, default);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), id);
        Assert.Equal(id, again);
        Assert.Equal(content, await store.GetAsync(id, default));
        Assert.Single(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_changed_byte_is_reported_as_corruption_and_never_served()
    {
        var store = new FileSystemBlobStore(root);
        var id = await store.PutAsync(new byte[] { 10, 20, 30 }, default);
        await File.WriteAllBytesAsync(store.PathOf(id), [10, 21, 30]);

        await Assert.ThrowsAsync<BlobCorruptedException>(() => store.GetAsync(id, default));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(131_071)]
    [InlineData(131_072)]
    [InlineData(131_073)]
    [InlineData(600_000)]
    public async Task A_blob_of_any_size_reads_back_whole_and_one_byte_more_or_less_is_corruption(int size)
    {
        // Empty, tiny, around a read buffer's size and beyond: each comes back exactly, and a file one byte shorter
        // (truncated) or longer (appended to) than its name says is never served; a missing one is said missing.
        var store = new FileSystemBlobStore(root);
        var content = new byte[size];
        new Random(size).NextBytes(content);
        var id = await store.PutAsync(content, default);
        Assert.Equal(content, await store.GetAsync(id, default));
        Assert.Equal(content, await store.UseAsync(id, (bytes, _) => Task.FromResult(bytes), default));

        if (size > 0)
        {
            await File.WriteAllBytesAsync(store.PathOf(id), content[..^1]);
            await Assert.ThrowsAsync<BlobCorruptedException>(() => store.GetAsync(id, default));
            await Assert.ThrowsAsync<BlobCorruptedException>(() => store.UseAsync(id, (bytes, _) => Task.FromResult(bytes.Length), default));
        }

        await File.WriteAllBytesAsync(store.PathOf(id), [.. content, 0]);
        await Assert.ThrowsAsync<BlobCorruptedException>(() => store.GetAsync(id, default));
        await Assert.ThrowsAsync<BlobCorruptedException>(() => store.UseAsync(id, (bytes, _) => Task.FromResult(bytes.Length), default));
        File.Delete(store.PathOf(id));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.GetAsync(id, default));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.UseAsync(id, (bytes, _) => Task.FromResult(bytes.Length), default));
    }

    [Fact]
    public async Task What_is_made_of_a_damaged_blob_while_its_hash_is_checked_is_never_returned()
    {
        // UseAsync hands the bytes over before their hash is known (a viewer's first image decodes while it is checked):
        // whatever was made of damaged bytes — a result, or the parser's own error — gives way to the damage.
        var store = new FileSystemBlobStore(root);
        var content = new byte[300_000];
        new Random(3).NextBytes(content);
        var id = await store.PutAsync(content, default);
        Assert.Equal(content.Sum(b => (long)b), await store.UseAsync(id, (bytes, _) => Task.FromResult(bytes.Sum(b => (long)b)), default));

        var damaged = (byte[])content.Clone();
        damaged[150_000] ^= 0x01;
        await File.WriteAllBytesAsync(store.PathOf(id), damaged);
        var seen = 0;
        await Assert.ThrowsAsync<BlobCorruptedException>(() => store.UseAsync(id, (bytes, _) =>
        {
            seen++;
            return Task.FromResult(bytes.Sum(b => (long)b));
        }, default));
        await Assert.ThrowsAsync<BlobCorruptedException>(() => store.UseAsync<int>(id, async (_, _) =>
        {
            seen++;
            await Task.Yield();
            throw new InvalidDataException("not a DICOM file");
        }, default));
        await Assert.ThrowsAsync<BlobCorruptedException>(() => store.UseAsync<int>(id, (_, _) =>
        {
            seen++;
            throw new InvalidDataException("not a DICOM file");
        }, default));
        Assert.Equal(3, seen);

        // Intact again: use's own error is its own.
        await File.WriteAllBytesAsync(store.PathOf(id), content);
        await Assert.ThrowsAsync<InvalidDataException>(() => store.UseAsync<int>(id, (_, _) => throw new InvalidDataException("not a DICOM file"), default));
    }

    [Fact]
    public async Task A_damaged_blob_is_written_again_when_its_content_is_stored_again()
    {
        // Two hosts share the store: a blob damaged on the shared disk must not make a later, accepted store of the same
        // bytes a silent no-op (the document would be accepted and never readable).
        var store = new FileSystemBlobStore(root);
        byte[] content = [7, 8, 9, 10];
        var id = await store.PutAsync(content, default);
        await File.WriteAllBytesAsync(store.PathOf(id), [7, 8]);

        Assert.Equal(id, await new FileSystemBlobStore(root).PutAsync(content, default));
        Assert.Equal(content, await store.GetAsync(id, default));
        Assert.Single(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Readers_on_another_host_never_see_a_half_written_blob_and_two_hosts_storing_the_same_bytes_keep_one()
    {
        // Two stores on one folder, as two hosts on a shared path: while both write the same 24 MiB, a reader sees the
        // blob either absent or whole, never a prefix under its name; afterwards one file and no temporary left.
        var content = new byte[24 * 1024 * 1024];
        new Random(15).NextBytes(content);
        var id = Convert.ToHexStringLower(SHA256.HashData(content));
        var reader = new FileSystemBlobStore(root);
        var writes = Task.WhenAll(Task.Run(() => new FileSystemBlobStore(root).PutAsync(content, default)), Task.Run(() => new FileSystemBlobStore(root).PutAsync(content, default)));
        var seenWhole = 0;
        while (!writes.IsCompleted || seenWhole == 0)
        {
            if (reader.Exists(id))
            {
                Assert.Equal(content.Length, (await reader.GetAsync(id, default)).Length);
                seenWhole++;
            }
            else
            {
                await Task.Yield();
            }
        }

        Assert.All(await writes, w => Assert.Equal(id, w));
        Assert.Single(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Ids_that_are_not_hashes_never_become_paths()
    {
        var store = new FileSystemBlobStore(root);
        await Assert.ThrowsAsync<BlobNotFoundException>(() => store.GetAsync("../../etc/passwd", default));
        Assert.False(store.Exists(new string('a', 63) + "/"));
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
