using System.Net;
using System.Text.RegularExpressions;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Demo;
using HapModular.Modules.Records.Ingestion;
using HapModular.SharedKernel;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Tests;

/// <summary>
/// One patient whose documents have known authors: Dr Auteur wrote the report and the photo, Dr Autre wrote the
/// lab result; both are linked. Plus an embargoed document and an intact HEIC photo. Desk staff act for the patient.
/// </summary>
internal sealed partial class MaskingWorld
{
    public const string AuthorInami = "10000106003";
    public const string OtherInami = "12345625004";

    public Guid Patient { get; private set; }
    public Guid Report { get; private set; }
    public Guid Photo { get; private set; }
    public Guid OthersLab { get; private set; }
    public Guid Embargoed { get; private set; }
    public Guid Heic { get; private set; }

    public TestUser Author { get; } = new(Guid.NewGuid(), [Roles.Physician], AuthorInami, "Dr Auteur");
    public TestUser Other { get; } = new(Guid.NewGuid(), [Roles.Physician], OtherInami, "Dr Autre");
    public TestUser Desk { get; } = new(Guid.NewGuid(), [Roles.PatientDesk], null, "Guichet Anne");

    public static async Task<MaskingWorld> CreateAsync(GuardFactory factory, int sequence, DateOnly birth)
    {
        _ = factory.Server;
        var w = new MaskingWorld();
        await using var scope = factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        w.Patient = await mediator.Send(new RegisterPatient(DemoNiss.For(birth, sequence), "Camille", "Masquelier", birth, "F", "fr", ["Rue 9"], null, false));
        var ingestor = scope.ServiceProvider.GetRequiredService<DocumentIngestor>();
        var source = "masking-" + sequence;
        async Task<Guid> Ingest(string file, string id, string? authorInami = null, string? embargo = null, string? title = null)
        {
            var metadata = new IngestMetadata { SourceId = id, PatientId = w.Patient, FileName = Path.GetFileName(file), AuthorInami = authorInami, EmbargoCategory = embargo, Title = title, Department = "Dermatologie" };
            var outcome = await ingestor.IngestAsync(source, metadata, await File.ReadAllBytesAsync(Corpus.File(file)), default);
            return outcome.DocumentId ?? throw new InvalidOperationException(id + ": " + outcome.Reason);
        }

        w.Report = await Ingest("documents/pdf/discharge_summary_sample.pdf", "report", AuthorInami, title: "Lettre de sortie confidentielle");
        w.Photo = await Ingest("photos/jpeg_baseline_hopper.jpg", "photo", AuthorInami);
        w.OthersLab = await Ingest("documents/hl7v2/oru_r01_radiology_text_report.hl7", "lab", OtherInami, title: "Radiologie du genou");
        w.Embargoed = await Ingest("documents/cda/ccda_ccd.xml", "embargoed", embargo: "genetics", title: "Analyse génétique");
        w.Heic = await Ingest("photos/heic_photo_pug.heic", "heic");
        var until = factory.Time.GetUtcNow().AddMonths(6);
        factory.Decisions[(w.Author.UserId, w.Patient)] = GuardFactory.Link(until);
        factory.Decisions[(w.Other.UserId, w.Patient)] = GuardFactory.Link(until);
        return w;
    }

    public string Page(Guid document) => $"/patients/{Patient}/documents/{document}";

    public string DeskPage => $"/desk/patients/{Patient}/documents";

    /// <summary>Posts a form the way the browser does: the anti-forgery token of <paramref name="formPage"/>, then the fields.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, IDictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(formPage);
        var token = TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no anti-forgery token on " + formPage);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token });
        return await client.PostAsync(action, content);
    }

    /// <summary>The page's main content (the layout's navigation carries a per-request anti-forgery token).</summary>
    public static string MainContent(string html)
    {
        var start = html.IndexOf("<main", StringComparison.Ordinal);
        var end = html.IndexOf("</main>", StringComparison.Ordinal);
        return start >= 0 && end > start ? html[start..end] : html;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
