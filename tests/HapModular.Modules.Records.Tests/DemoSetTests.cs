using System.Globalization;
using System.Net.Http.Json;
using HapModular.Modules.Records.Demo;
using HapModular.Modules.Records.Documents;
using HapModular.Modules.Records.Viewing;
using HapModular.Modules.Shared;
using HapModular.Modules.Shared.Storage;
using HapModular.Testing;
using HapModular.Viewers;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace HapModular.Modules.Records.Tests;

/// <summary>
/// The demo of a fresh clone, without ../shared: the project's generated set alone gives every viewer of every
/// active plugin at least one document, and each renders (not "cannot display").
/// </summary>
public sealed class DemoSetTests(DemoSetTests.Factory factory, ITestOutputHelper output) : IClassFixture<DemoSetTests.Factory>
{
    public sealed class Factory : HapAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Hap:Demo:Set", "all"), new("Hap:Demo:Corpus", "none")];
    }

    [Fact]
    public async Task Without_the_corpus_every_viewer_has_a_demo_document_that_renders()
    {
        using var client = factory.CreateClient();
        var lines = new List<string>();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().Where(s => s.Order <= 300).OrderBy(s => s.Order))
            {
                lines.AddRange(await seeder.SeedAsync(scope.ServiceProvider, default));
            }
        }

        lines.ForEach(output.WriteLine);
        Assert.DoesNotContain(lines, l => l.Contains("refused ", StringComparison.Ordinal));
        var plugins = await client.GetFromJsonAsync<List<PluginDto>>(new Uri("/api/viewers", UriKind.Relative));
        var viewers = plugins!.Where(p => p.Status == "Active" && p.Id.StartsWith("hapmodular.", StringComparison.Ordinal))
            .SelectMany(p => p.Viewers.Select(v => v.Id)).ToHashSet(StringComparer.Ordinal);

        var repository = factory.Services.GetRequiredService<DocumentRepository>();
        var renderer = factory.Services.GetRequiredService<DocumentRenderer>();
        var blobs = factory.Services.GetRequiredService<IBlobStore>();
        var rendered = new Dictionary<string, string>(StringComparer.Ordinal);
        var images = 0;
        foreach (var id in await DemoSetIdsAsync())
        {
            var document = (await repository.FindAsync(id, default))!;
            images += document.Modality is "CT" or "MR" ? 1 : 0;
            var (viewer, _) = renderer.ViewerFor(document);
            if (viewer is null || rendered.ContainsKey(viewer.Descriptor.Id))
            {
                continue;
            }

            var result = await renderer.RenderAsync(document, await blobs.GetAsync(document.Sha256, default), RenderTargets.View, new Dictionary<string, string>(), CultureInfo.GetCultureInfo("fr"), default);
            Assert.False(result is RenderResult.CannotDisplayResult, $"{viewer.Descriptor.Id} cannot display {document.FileName}: {(result as RenderResult.CannotDisplayResult)?.Reason}");
            rendered[viewer.Descriptor.Id] = document.FileName ?? document.Title;
        }

        foreach (var (viewer, file) in rendered)
        {
            output.WriteLine($"{viewer}: {file}");
        }

        Assert.Empty(viewers.Except(rendered.Keys));
        Assert.True(images >= 200, $"CT and MR series of 100+ images each, found {images} images");
    }

    private async Task<List<Guid>> DemoSetIdsAsync()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM records.documents WHERE source_system = @s ORDER BY source_id", connection);
        command.Parameters.AddWithValue("s", DemoSetDocuments.Source);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    internal sealed record PluginDto(string Id, string Status, List<ViewerDto> Viewers);

    internal sealed record ViewerDto(string Id);
}
