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
