using HapModular.Modules.Records.Documents;
using HapModular.Modules.Shared;
using HapModular.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HapModular.Modules.Records.Tests;

public sealed class DemoSeedTests(HapAppFactory factory, ITestOutputHelper output) : IClassFixture<HapAppFactory>
{
    [Fact]
    public async Task The_demo_imports_the_whole_corpus_and_seeding_again_adds_nothing()
    {
        _ = factory.Server;
        // How fast seeding is belongs to a benchmark, not to a test that a loaded machine can fail.
        var lines = await SeedAsync();
        var repository = factory.Services.GetRequiredService<DocumentRepository>();
        var count = await repository.CountAsync(default);
        lines.ForEach(output.WriteLine);

        Assert.True(count > Directory.EnumerateFiles(Corpus.Root, "*", SearchOption.AllDirectories).Count(), string.Join('\n', lines));
        // Intact HEIC/HEIF photos are kept with a download card; only the cut one is refused.
        var refused = lines.Where(l => l.Contains("refused ", StringComparison.Ordinal)).ToList();
        Assert.Contains(refused, l => l.Contains("photos/heic_truncated.heic", StringComparison.Ordinal));
        Assert.DoesNotContain(refused, l => l.Contains("photos/heic_photo_pug.heic", StringComparison.Ordinal) || l.Contains("photos/heif_rgb_8bit_128.heif", StringComparison.Ordinal));
        await SeedAsync();
        Assert.Equal(count, await repository.CountAsync(default));
    }

    private async Task<List<string>> SeedAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var lines = new List<string>();
        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().Where(s => s.Order is 200 or 250).OrderBy(s => s.Order))
        {
            lines.AddRange(await seeder.SeedAsync(scope.ServiceProvider, default));
        }

        return lines;
    }
}
