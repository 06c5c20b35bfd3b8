using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HapModular.Modules.Records.Documents;
using HapModular.Modules.Records.Ingestion;
using HapModular.Modules.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Demo;

/// <summary>
/// An optional extra of the demo, when the project's test corpus is beside the checkout (<c>../shared/corpus</c>; a
/// hospital's checkout has none, and the generated demo set covers every viewer without it; <c>Hap:Demo:Corpus</c>
/// names another folder, or <c>none</c>). Imports every file of the corpus into the demo patients' records: each file goes to one patient
/// (round robin), and the first patient also receives every clinical file so one record shows every viewer. Dates
/// (2019–2026) and departments follow from the path, so re-seeding finds the same source ids and skips them.
/// </summary>
internal sealed class DemoDocuments : IDemoSeeder
{
    public const string Source = "demo-corpus";

    private static readonly Dictionary<string, string[]> Departments = new()
    {
        [DocumentKinds.Imaging] = ["Radiologie", "Cardiologie", "Médecine nucléaire", "Ophtalmologie"],
        [DocumentKinds.DeviceReport] = ["Cardiologie", "Pneumologie"],
        [DocumentKinds.Photo] = ["Dermatologie", "Chirurgie plastique"],
        [DocumentKinds.Lab] = ["Laboratoire", "Biologie clinique"],
        [DocumentKinds.Report] = ["Médecine interne", "Urgences", "Cardiologie", "Radiologie"],
        [DocumentKinds.Other] = ["Archives"],
    };

    public int Order => 250;

    public async Task<IReadOnlyList<string>> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var corpus = CorpusLocator.Find(services);
        if (corpus is null)
        {
            return ["Records: the test corpus (../shared/corpus) is not here — an optional extra; the demo set above is complete without it."];
        }

        var patients = await DemoPatients.EnsureAsync(services, cancellationToken);

        var work = new List<(string File, string Relative, Guid Patient, string SourceId)>();
        var files = Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            var relative = Path.GetRelativePath(corpus, files[i]).Replace('\\', '/');
            var owner = i % patients.Count;
            work.Add((files[i], relative, patients[owner], owner + ":" + relative));
            if (owner != 0 && IsClinical(relative))
            {
                work.Add((files[i], relative, patients[0], "0:" + relative));
            }
        }

        var refused = new ConcurrentBag<string>();
        var accepted = 0;
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            var ingestor = scope.ServiceProvider.GetRequiredService<DocumentIngestor>();
            var outcome = await ingestor.IngestAsync(Source, Metadata(item.Relative, item.Patient, item.SourceId), await File.ReadAllBytesAsync(item.File, ct), ct);
            if (outcome.Accepted)
            {
                Interlocked.Increment(ref accepted);
            }
            else
            {
                refused.Add($"  refused {item.Relative}: {outcome.Title} ({outcome.Reason})");
            }
        });

        return [string.Create(CultureInfo.InvariantCulture, $"Records (optional extra, the test corpus at {corpus}): {accepted} documents from {files.Count} corpus files, {refused.Count} refused."), .. refused.Distinct().Order(StringComparer.Ordinal)];
    }

    private static bool IsClinical(string relative) =>
        !relative.StartsWith("dicom/reference/", StringComparison.Ordinal) && relative.Contains('/', StringComparison.Ordinal);

    private static IngestMetadata Metadata(string relative, Guid patient, string sourceId)
    {
        var seed = BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(relative)), 0);
        var date = new DateTimeOffset(2019, 1, 1, 8, 0, 0, TimeSpan.Zero).AddDays(seed % 2850).AddMinutes(seed % 600);
        var kind = relative switch
        {
            _ when relative.StartsWith("dicom/reference/", StringComparison.Ordinal) => DocumentKinds.Other,
            _ when relative.StartsWith("photos/", StringComparison.Ordinal) => DocumentKinds.Photo,
            _ when relative.StartsWith("documents/aecg/", StringComparison.Ordinal) || relative.StartsWith("documents/device/", StringComparison.Ordinal) || relative.StartsWith("documents/scp-ecg/", StringComparison.Ordinal) => DocumentKinds.DeviceReport,
            // Messages and FHIR resources say what they are (OBR section, LOINC codes): the content decides (issue 11).
            _ when relative.StartsWith("documents/hl7v2/", StringComparison.Ordinal) || relative.StartsWith("documents/fhir/", StringComparison.Ordinal) || relative.StartsWith("documents/cda/", StringComparison.Ordinal) => null,
            _ when relative.StartsWith("documents/", StringComparison.Ordinal) => DocumentKinds.Report,
            _ => null,
        };
        var departments = Departments[kind ?? (relative.StartsWith("documents/", StringComparison.Ordinal) ? DocumentKinds.Report : DocumentKinds.Imaging)];
        return new IngestMetadata
        {
            SourceId = sourceId,
            PatientId = patient,
            Kind = kind,
            ClinicalDate = date,
            Department = departments[seed % departments.Length],
            Author = "Dr " + (new[] { "Martin", "Claes", "Jean Dupont", "Wouters" })[seed % 4],
            // Dr Dupont (a demo account) also consults at the hospital: the author of a quarter of the record, so
            // the demo shows the author's "mask this document" form (R6).
            AuthorInami = seed % 4 == 2 ? "18334780004" : null,
            FileName = Path.GetFileName(relative),
        };
    }
}
