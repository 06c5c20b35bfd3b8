using HapModular.Modules.Shared;
using Microsoft.Extensions.Configuration;

namespace HapModular.Modules.Identity.Tests;

/// <summary>
/// Two processes started on one data folder (build/run.sh twice, a test host beside the demo) must end with one key:
/// a second key generated over the first would make the first one's sessions, NISS digests or audit chain unreadable.
/// </summary>
public sealed class LocalKeyFileTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("hap-keys-").FullName;

    /// <summary>
    /// Twenty rounds of eight callers released at once, each round on a fresh folder: the race is narrow (CI saw it once
    /// in many runs before the lock), so one round says little.
    /// </summary>
    [Fact]
    public async Task Callers_racing_on_a_missing_key_all_get_the_one_key_that_was_kept()
    {
        for (var round = 0; round < 20; round++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(dataDirectory, "round" + round)).FullName;
            var context = new ModuleContext(
                new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["environment"] = "Testing" }).Build(),
                ConnectionString: "",
                folder,
                IsDevelopment: false);
            using var start = new Barrier(8);

            var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                return Convert.ToBase64String(SecretKeys.Load(context, "Test:Key", "test.key"));
            })));

            Assert.Single(keys.Distinct());
            var file = Assert.Single(Directory.GetFiles(Path.Combine(folder, "keys")));
            Assert.Equal(keys[0], File.ReadAllText(file).Trim());
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }

            Assert.Equal(keys[0], Convert.ToBase64String(SecretKeys.Load(context, "Test:Key", "test.key")));
        }
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);
}
