using System.Collections.Concurrent;
using System.Globalization;
using HapModular.Modules.Records.Ingestion;
using HapModular.Modules.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Demo;

/// <summary>
/// The demo's own documents, made by the project's generator (<see cref="IDemoDocumentSource"/>, registered by the
/// host): the whole set, one document at least for every viewer, for Marie Dubois; a few text documents for the
/// others. Ingested like any hospital document (same checks, thumbnails, series); a document already ingested
/// (same source id) is left as it is, with its mask. <c>Hap:Demo:Set</c> = <c>none</c> skips it (tests that do not
/// need 230 images).
/// </summary>
internal sealed class DemoSetDocuments : IDemoSeeder
{
    public const string Source = "demo-set";

    public int Order => 240;

    public async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var generator = services.GetService<IDemoDocumentSource>();
        if (generator is null || services.GetService<IConfiguration>()?["Hap:Demo:Set"] == "none")
        {
            return ["Records: demo set skipped (Hap:Demo:Set=none or no generator)."];
        }

        var ids = await DemoPatients.EnsureAsync(services, cancellationToken);
        var work = new List<(DemoDocument Document, Guid Patient, string SourceId)>();
        for (var i = 0; i < DemoPatients.All.Count; i++)
        {
            var p = DemoPatients.All[i];
            foreach (var document in generator.For(new DemoPerson(p.FirstName, p.LastName, p.BirthDate, p.Sex), full: i == 0))
            {
                work.Add((document, ids[i], $"{i}:{document.FileName}"));
            }
        }

        var refused = new ConcurrentBag<string>();
        var accepted = 0;
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            var ingestor = scope.ServiceProvider.GetRequiredService<DocumentIngestor>();
            var metadata = new IngestMetadata
            {
                SourceId = item.SourceId,
                PatientId = item.Patient,
                Kind = item.Document.Kind,
                ClinicalDate = item.Document.ClinicalDate,
                Department = item.Document.Department,
                Author = item.Document.Author,
                FileName = item.Document.FileName,
            };
            var outcome = await ingestor.IngestAsync(Source, metadata, item.Document.Content, ct);
            if (outcome.Accepted)
            {
                Interlocked.Increment(ref accepted);
            }
            else
            {
                refused.Add($"  refused {item.Document.FileName}: {outcome.Title} ({outcome.Reason})");
            }
        });

        return [string.Create(CultureInfo.InvariantCulture, $"Records: demo set, {accepted} generated documents for {DemoPatients.All.Count} patients, {refused.Count} refused."), .. refused.Order(StringComparer.Ordinal)];
    }
}
