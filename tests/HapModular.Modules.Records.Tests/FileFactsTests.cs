using System.Net;
using System.Text;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Demo;
using HapModular.Modules.Records.Ingestion;
using HapModular.SharedKernel;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Tests;

/// <summary>
/// Issue 11, what the record says about a file from its content: clinical dates (never the ingestion day), titles
/// (never an error message or a manifest), kinds from codes (never a wrong specific kind), every object of a series
/// visible, and the patient the file itself names beside the record's patient, mismatches flagged and listed at the desk.
/// The patient is Lucy Smith, born 14/10/2014, as the PID segment of the corpus radiology report names her.
/// </summary>
public sealed partial class FileFactsTests(GuardFactory factory) : IClassFixture<GuardFactory>
{
    private static readonly SemaphoreSlim Setup = new(1, 1);
    private static World? world;

    [Fact]
    public async Task A_pdf_takes_its_creation_date_and_one_without_any_date_shows_the_date_as_unknown()
    {
        var w = await WorldAsync();
        var dated = await PageAsync(w, "pdf");
        Assert.Contains("datetime=\"2014-10-20", dated, StringComparison.Ordinal);

        var undated = await PageAsync(w, "pdf-undated");
        Assert.Contains("Date clinique inconnue", undated, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"clinical-date\" datetime", undated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_undated_photo_shows_its_date_as_unknown_and_not_the_day_it_was_filed()
    {
        var w = await WorldAsync();
        var html = await PageAsync(w, "photo");
        Assert.Contains("Date clinique inconnue", html, StringComparison.Ordinal);
        Assert.DoesNotContain("datetime=\"" + factory.Time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("radiology", "Rapport")]
    [InlineData("dnr", "Autre")]
    [InlineData("lab-hl7", "Laboratoire")]
    [InlineData("lab-fhir", "Laboratoire")]
    [InlineData("imaging-cda", "Rapport")]
    public async Task The_kind_comes_from_the_content_codes_and_never_a_wrong_specific_kind(string document, string kind)
    {
        var w = await WorldAsync();
        var html = await PageAsync(w, document);
        Assert.Matches("<p class=\"meta\">\\s*" + kind + " ·", html);
    }

    [Theory]
    [InlineData("manifest", "# Medical document")]
    [InlineData("dcmtk-error", "E: DcmElement")]
    public async Task Corpus_junk_never_becomes_a_title(string document, string junk)
    {
        var w = await WorldAsync();
        var html = await PageAsync(w, document);
        Assert.DoesNotContain("<h1>" + WebUtility.HtmlEncode(junk), html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h1>" + junk, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_is_titled_from_its_metadata_not_its_file_name()
    {
        var w = await WorldAsync();
        Assert.Contains("<h1>197-996-9513-0 SAMPLE REPORT</h1>", await PageAsync(w, "pdf-lab"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_ecg_objects_of_one_series_are_both_listed_on_the_timeline_with_their_kind()
    {
        var w = await WorldAsync();
        var html = await factory.CreateClient().As(w.Physician).GetStringAsync($"/patients/{w.Patient}?kind=device-report");
        Assert.Contains("2 objet(s) dans cette série", html, StringComparison.Ordinal);
        foreach (var ecg in new[] { "ecg", "ecg-2" })
        {
            Assert.Contains($"/patients/{w.Patient}/documents/{w.Documents[ecg]}", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_document_page_shows_the_patient_the_file_names_and_flags_a_mismatch_in_red()
    {
        var w = await WorldAsync();
        var matching = await PageAsync(w, "radiology");
        Assert.Contains("data-identity-check=\"match\"", matching, StringComparison.Ordinal);
        Assert.Contains("SMITH Lucy Mark", matching, StringComparison.Ordinal);

        var other = await PageAsync(w, "ecg");
        Assert.Contains("data-identity-check=\"mismatch\"", other, StringComparison.Ordinal);
        Assert.Contains("identity-warning", other, StringComparison.Ordinal);
        Assert.Contains("Anonymous", other, StringComparison.Ordinal);
        Assert.Contains("23/01/1971", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_desk_lists_documents_whose_file_names_another_patient_and_physicians_cannot_see_the_list()
    {
        var w = await WorldAsync();
        var desk = new TestUser(Guid.NewGuid(), [Roles.PatientDesk], null, "Guichet Anne");
        var response = await factory.CreateClient().As(desk).GetAsync("/desk/documents/identity");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(w.Documents["ecg"].ToString(), html, StringComparison.Ordinal);
        Assert.DoesNotContain(w.Documents["radiology"].ToString(), html, StringComparison.Ordinal);

        var physician = await factory.CreateClient(new() { AllowAutoRedirect = false }).As(w.Physician).GetAsync("/desk/documents/identity");
        Assert.NotEqual(HttpStatusCode.OK, physician.StatusCode);
    }

    private async Task<string> PageAsync(World w, string document)
    {
        var response = await factory.CreateClient().As(w.Physician).GetAsync($"/patients/{w.Patient}/documents/{w.Documents[document]}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private sealed record World(Guid Patient, TestUser Physician, Dictionary<string, Guid> Documents);

    private async Task<World> WorldAsync()
    {
        await Setup.WaitAsync();
        try
        {
            if (world is not null)
            {
                return world;
            }

            _ = factory.Server;
            await using var scope = factory.Services.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var patient = await mediator.Send(new RegisterPatient(DemoNiss.For(new DateOnly(2014, 10, 14), 233), "Lucy", "Smith", new DateOnly(2014, 10, 14), "F", "fr", ["C"], null, false));
            var physician = GuardWorld.Physician();
            factory.Decisions[(physician.UserId, patient)] = GuardFactory.Link(factory.Time.GetUtcNow().AddMonths(6));
            var ecg = File.ReadAllBytes(Corpus.File("dicom/ecg_12lead_waveform.dcm"));
            var files = new Dictionary<string, (string Name, byte[] Bytes)>
            {
                ["pdf"] = ("discharge_summary_sample.pdf", File.ReadAllBytes(Corpus.File("documents/pdf/discharge_summary_sample.pdf"))),
                ["pdf-undated"] = ("undated.pdf", WithoutPdfDates(File.ReadAllBytes(Corpus.File("documents/pdf/discharge_summary_sample.pdf")))),
                ["pdf-lab"] = ("lab_report.pdf", File.ReadAllBytes(Corpus.File("documents/pdf/lab_report_labcorp_sample_multiple_reference_ranges.pdf"))),
                ["photo"] = ("jpeg_baseline_hopper.jpg", File.ReadAllBytes(Corpus.File("photos/jpeg_baseline_hopper.jpg"))),
                ["radiology"] = ("oru_r01_radiology_text_report.hl7", File.ReadAllBytes(Corpus.File("documents/hl7v2/oru_r01_radiology_text_report.hl7"))),
                ["dnr"] = ("documentreference_adi_dnr_pdf.json", File.ReadAllBytes(Corpus.File("documents/fhir/documentreference_adi_dnr_pdf.json"))),
                ["lab-hl7"] = ("oru_r01_cerner_lead_lab_2.5.1.hl7", File.ReadAllBytes(Corpus.File("documents/hl7v2/oru_r01_cerner_lead_lab_2.5.1.hl7"))),
                ["lab-fhir"] = ("diagnosticreport_cbc.json", File.ReadAllBytes(Corpus.File("documents/fhir/diagnosticreport_cbc.json"))),
                ["imaging-cda"] = ("ccda_diagnostic_imaging_report.xml", File.ReadAllBytes(Corpus.File("documents/cda/ccda_diagnostic_imaging_report.xml"))),
                ["manifest"] = ("MANIFEST.md", File.ReadAllBytes(Corpus.File("MANIFEST.md"))),
                ["dcmtk-error"] = ("malformed_no_meta_stray_leading_byte.dcmdump_stderr.txt", File.ReadAllBytes(Corpus.File("dicom/reference/malformed_no_meta_stray_leading_byte.dcmdump_stderr.txt"))),
                ["ecg"] = ("ecg_12lead_waveform.dcm", ecg),
                // A second object of the same series: same study and series UIDs, its own SOP instance UID (same length).
                ["ecg-2"] = ("ecg_second_object.dcm", Replace(ecg, "1.3.6.1.4.1.20029.40.20130125105919.5407.1.1", "1.3.6.1.4.1.20029.40.20130125105919.5407.1.2")),
            };
            var documents = new Dictionary<string, Guid>();
            foreach (var (key, (name, bytes)) in files)
            {
                var ingestor = scope.ServiceProvider.GetRequiredService<DocumentIngestor>();
                var outcome = await ingestor.IngestAsync("filefacts-test", new IngestMetadata { SourceId = key, PatientId = patient, FileName = name, Department = "Test" }, bytes, default);
                Assert.True(outcome.Accepted, $"{key}: {outcome.Title} {outcome.Reason}");
                documents[key] = outcome.DocumentId!.Value;
            }

            world = new World(patient, physician, documents);
            return world;
        }
        finally
        {
            Setup.Release();
        }
    }

    // Same length, so the PDF's cross-reference offsets stay right: the keys are renamed, not removed.
    private static byte[] WithoutPdfDates(byte[] pdf) => Replace(Replace(pdf, "/CreationDate(", "/XreationDate("), "/ModDate(", "/XodDate(");

    private static byte[] Replace(byte[] bytes, string from, string to)
    {
        var copy = (byte[])bytes.Clone();
        var (a, b) = (Encoding.ASCII.GetBytes(from), Encoding.ASCII.GetBytes(to));
        var i = copy.AsSpan().IndexOf(a);
        Assert.True(i >= 0, from);
        for (; i >= 0; i = copy.AsSpan().IndexOf(a))
        {
            b.CopyTo(copy, i);
        }

        return copy;
    }
}
