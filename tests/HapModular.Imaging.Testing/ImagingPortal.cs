using System.Text.RegularExpressions;
using HapModular.Modules.Records.Ingestion;
using HapModular.Modules.Shared;
using HapModular.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HapModular.Imaging.Testing;

/// <summary>
/// The portal on a real port over a fresh real database, with the demo accounts, patients and links (not the corpus
/// import) and a synthetic CT study for Marie Dubois (linked to Dr Dupont) and one for Luc Dupont (not linked).
/// </summary>
public sealed partial class ImagingPortal : HapAppFactory
{
    public string BaseUrl { get; private set; } = string.Empty;

    public Guid Marie { get; private set; }

    public Guid Luc { get; private set; }

    public StudyFiles Linked { get; private set; } = null!;

    public StudyFiles NotLinked { get; private set; } = null!;

    protected override bool UseFakeTime => false;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Serilog:MinimumLevel:Default", "Warning")];

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // A console program (the benchmark) has no test-assembly manifest for WebApplicationFactory to find the host.
        Microsoft.AspNetCore.Hosting.HostingAbstractionsWebHostBuilderExtensions.UseContentRoot(builder, Path.Combine(Corpus.RepoRoot, "src", "Host", "HapModular.Host"));
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var port = FreePorts.Next();
        UseKestrel(port);
        StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";
        await using var scope = Services.CreateAsyncScope();
        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().Where(s => s.Order <= 300 && s.GetType().Name != "DemoDocuments").OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(scope.ServiceProvider, default);
        }

        var mediator = scope.ServiceProvider.GetRequiredService<MediatR.IMediator>();
        Marie = (await mediator.Send(new Modules.Records.Contracts.SearchPatients("Dubois Marie"))).Single().PatientId;
        Luc = (await mediator.Send(new Modules.Records.Contracts.SearchPatients("Dupont Luc"))).Single().PatientId;
        Linked = await IngestStudyAsync(Marie, 5, "CT", "20260922");
        NotLinked = await IngestStudyAsync(Luc, 2, "CT", "20260923");
    }

    /// <summary>Ingests a synthetic series as the hospital's systems would; returns its UIDs and bytes by SOP UID.</summary>
    public async Task<StudyFiles> IngestStudyAsync(Guid patient, int count, string modality, string date, int size = 64, double? spacing = 0.5, string? studyUid = null, string? frameOfReference = null, string description = "Synthetic series")
    {
        var template = new SyntheticDicom.Slice(studyUid ?? SyntheticDicom.NewUid(), SyntheticDicom.NewUid(), string.Empty, 1, modality, date, size, spacing, frameOfReference ?? SyntheticDicom.NewUid(), SeriesDescription: description);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using var scope = Services.CreateAsyncScope();
        var ingestor = scope.ServiceProvider.GetRequiredService<DocumentIngestor>();
        foreach (var slice in SyntheticDicom.Series(count, template))
        {
            var bytes = SyntheticDicom.Write(slice);
            var outcome = await ingestor.IngestAsync("pacs", new IngestMetadata { SourceId = slice.SopUid, PatientId = patient, FileName = slice.SopUid + ".dcm", Department = "Radiologie" }, bytes, default);
            Assert.True(outcome.DocumentId is not null, outcome.Reason);
            files[slice.SopUid] = bytes;
        }

        return new StudyFiles(template.StudyUid, template.SeriesUid, files);
    }

    /// <summary>Ingests one corpus file; returns its study (UIDs as the DICOM plugin read them at ingestion).</summary>
    public async Task<StudyFiles> IngestCorpusAsync(Guid patient, string file)
    {
        var bytes = await File.ReadAllBytesAsync(Corpus.File(file));
        await using var scope = Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<DocumentIngestor>().IngestAsync(
            "pacs", new IngestMetadata { SourceId = "corpus-" + file, PatientId = patient, FileName = Path.GetFileName(file), Department = "Radiologie" }, bytes, default);
        Assert.True(outcome.DocumentId is not null, outcome.Reason);
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT study_uid, series_uid, instance_uid FROM records.documents WHERE id = $1", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = outcome.DocumentId!.Value });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return new StudyFiles(reader.GetString(0), reader.GetString(1), new Dictionary<string, byte[]> { [reader.GetString(2)] = bytes });
    }

    private Task<string>? dupontToken;

    /// <summary>One personal access token of Dr Dupont for every test sharing this portal (a TOTP code is accepted once).</summary>
    public Task<string> DupontTokenAsync() => dupontToken ??= CreateDupontTokenAsync("acceptance");

    /// <summary>Signs Dr Dupont in for real (password, then the code his phone shows) and creates a personal access token.</summary>
    public async Task<string> CreateDupontTokenAsync(string name)
    {
        // A plain client on the real port: the factory's client follows redirects on Kestrel whatever its options say,
        // and the sign-in steps are read by their redirects.
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(BaseUrl) };
        await DemoSignIn.SignInAsync(client, DemoSignIn.Dupont);
        using var created = await PageForms.PostAsync(client, "/account/tokens", new Dictionary<string, string> { ["name"] = name, ["days"] = "30" }, action: "/account/tokens?handler=Create");
        var match = SecretPattern().Match(await created.Content.ReadAsStringAsync());
        Assert.True(match.Success, "no token was shown (sign-in or creation failed)");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("id=\"new-token-value\" readonly value=\"([^\"]+)\"")]
    private static partial Regex SecretPattern();
}

/// <summary>A study as ingested: its UIDs and each instance's bytes by SOP Instance UID.</summary>
public sealed record StudyFiles(string StudyUid, string SeriesUid, IReadOnlyDictionary<string, byte[]> Files);
