using System.Globalization;
using HapModular.Modules.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Ingestion;

/// <summary>
/// Batch loads from the command line:
/// <c>import FOLDER --patient NISS|ID [--source NAME] [--kind K] [--department D]</c> imports every file under FOLDER
/// (source id = relative path, so re-running is idempotent); <c>import --create-key NAME</c> creates or rotates a
/// source system's API key and prints it once.
/// </summary>
internal sealed class ImportCommand : IHostCommand
{
    public string Name => "import";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(services);
        var options = Parse(arguments);
        await using var scope = services.CreateAsyncScope();
        if (options.TryGetValue("--create-key", out var keyFor))
        {
            var key = await scope.ServiceProvider.GetRequiredService<SourceSystemKeys>().CreateOrRotateAsync(keyFor, cancellationToken);
            Console.WriteLine($"API key for {keyFor} (shown once): {key}");
            return 0;
        }

        if (!options.TryGetValue("", out var folder) || !Directory.Exists(folder) || !options.TryGetValue("--patient", out var patient))
        {
            Console.Error.WriteLine("usage: import FOLDER --patient NISS|ID [--source NAME] [--kind KIND] [--department DEPT] | import --create-key NAME");
            return 2;
        }

        var ingestor = scope.ServiceProvider.GetRequiredService<DocumentIngestor>();
        var source = options.GetValueOrDefault("--source", "import");
        int accepted = 0, refused = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, file);
            var metadata = new IngestMetadata
            {
                SourceId = relative,
                PatientId = Guid.TryParse(patient, out var id) ? id : null,
                PatientNiss = Guid.TryParse(patient, out _) ? null : patient,
                Kind = options.GetValueOrDefault("--kind"),
                Department = options.GetValueOrDefault("--department"),
                FileName = Path.GetFileName(file),
            };
            var outcome = await ingestor.IngestAsync(source, metadata, await File.ReadAllBytesAsync(file, cancellationToken), cancellationToken);
            if (outcome.Accepted)
            {
                accepted++;
            }
            else
            {
                refused++;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"refused {relative}: {outcome.Status} {outcome.Title}: {outcome.Reason}"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{accepted} accepted, {refused} refused"));
        return refused == 0 ? 0 : 1;
    }

    private static Dictionary<string, string> Parse(IReadOnlyList<string> arguments)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < arguments.Count)
            {
                options[arguments[i]] = arguments[++i];
            }
            else
            {
                options[string.Empty] = arguments[i];
            }
        }

        return options;
    }
}
