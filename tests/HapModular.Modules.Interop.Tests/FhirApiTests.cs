using System.Net;
using HapModular.Modules.Records.Contracts;
using HapModular.Testing;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace HapModular.Modules.Interop.Tests;

/// <summary>
/// Issue 14, outbound: the physician's own software reads the record over FHIR R4 with Firely's FhirClient (a real
/// client written by others), through the same guard and audit as the pages. Dr Dupont is linked to Marie Dubois
/// (the demo record) and to Lucy Smith; not to Paul Sanslien, registered here.
/// </summary>
public sealed partial class FhirApiTests(InteropFactory factory) : IClassFixture<InteropFactory>
{
    private const string NissSystem = "https://www.ehealth.fgov.be/standards/fhir/core/NamingSystem/ssin";

    [Fact]
    public async Task A_fhir_client_reads_the_capability_statement()
    {
        var statement = await Client(factory.DrDupont).CapabilityStatementAsync();

        Assert.Equal(FHIRVersion.N4_0_1, statement!.FhirVersion);
        var resources = statement.Rest.Single().Resource.Select(r => r.Type).ToList();
        Assert.Equal(["Patient", "DocumentReference", "Binary", "Practitioner", "Consent", "AuditEvent"], resources);

        // SMART App Launch: the oauth-uris a SMART client looks for, and the same addresses in the discovery document.
        var uris = statement.Rest.Single().Security.GetExtension("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        var authorize = (uris!.GetExtension("authorize")!.Value as FhirUri)!.Value;
        var token = (uris.GetExtension("token")!.Value as FhirUri)!.Value;
        using var http = factory.CreateClient();
        var smart = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync(new Uri("/fhir/.well-known/smart-configuration", UriKind.Relative)))!;
        Assert.Equal(authorize, smart["authorization_endpoint"]!.GetValue<string>());
        Assert.Equal(token, smart["token_endpoint"]!.GetValue<string>());
        Assert.Equal(["S256"], smart["code_challenge_methods_supported"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Contains("launch-ehr", smart["capabilities"]!.AsArray().Select(c => c!.GetValue<string>()));
        using var discovery = await http.GetAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
    }

    [Theory]
    [InlineData(ResourceFormat.Json)]
    [InlineData(ResourceFormat.Xml)]
    public async Task The_gp_software_finds_its_patient_by_niss_in_json_and_xml(ResourceFormat format)
    {
        var client = Client(factory.DrDupont, format);

        var bundle = await client.SearchAsync<Patient>([$"identifier={NissSystem}|{factory.NissOf["smith"]}"]);

        var patient = Assert.IsType<Patient>(Assert.Single(bundle!.Entry).Resource);
        Assert.Equal(1, bundle.Total);
        Assert.Equal("Smith", patient.Name.Single().Family);
        Assert.Equal("Lucy", patient.Name.Single().Given.Single());
        Assert.Equal("2014-10-14", patient.BirthDate);
        Assert.Equal(factory.Patients["smith"].ToString("N"), patient.Id);
        var read = await client.ReadAsync<Patient>("Patient/" + patient.Id);
        Assert.Equal("Smith", read!.Name.Single().Family);
    }

    [Fact]
    public async Task Every_visible_document_is_listed_once_across_pages_and_the_binary_is_the_original()
    {
        var client = Client(factory.DrDupont);
        var marie = await PatientAsync("Dubois Marie");

        var ids = new List<string>();
        var page = await client.SearchAsync<DocumentReference>([$"patient=Patient/{marie:N}"], pageSize: 7);
        var total = page!.Total!.Value;
        while (page is not null)
        {
            Assert.True(page.Entry.Count <= 7);
            ids.AddRange(page.Entry.Select(e => e.Resource!.Id!));
            page = await client.ContinueAsync(page);
        }

        Assert.True(total > 20, $"the demo record has {total} documents");
        Assert.Equal(total, ids.Count);
        Assert.Equal(total, ids.Distinct().Count());

        var first = await client.ReadAsync<DocumentReference>("DocumentReference/" + ids[0]);
        Assert.Equal("Patient/" + marie.ToString("N"), first!.Subject!.Reference);
        var attachment = first.Content.Single().Attachment;
        using var raw = await factory.Client(factory.DrDupont).GetAsync(new Uri(attachment.Url!));
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        var bytes = await raw.Content.ReadAsByteArrayAsync();
        Assert.Equal(await factory.DownloadAsync(marie, Guid.ParseExact(ids[0], "N")), bytes);
        Assert.Equal(attachment.SizeUnsignedInt, bytes.Length);
        Assert.Equal(attachment.ContentType, raw.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", raw.Content.Headers.ContentDisposition!.DispositionType);
        var binary = await client.ReadAsync<Binary>("Binary/" + ids[0]);
        Assert.Equal(bytes, binary!.Data);
    }

    [Fact]
    public async Task Date_and_category_filters_partition_the_record()
    {
        var client = Client(factory.DrDupont);
        var marie = await PatientAsync("Dubois Marie");
        var all = await TotalAsync(client, $"patient=Patient/{marie:N}");

        var before = await TotalAsync(client, $"patient=Patient/{marie:N}", "date=lt2020-01-01");
        var after = await TotalAsync(client, $"patient=Patient/{marie:N}", "date=ge2020-01-01");
        Assert.Equal(all, before + after);
        Assert.True(before > 0 && after > 0, $"split {before}/{after}");

        var perKind = 0;
        foreach (var kind in new[] { "report", "imaging", "device-report", "photo", "lab", "other" })
        {
            var bundle = await client.SearchAsync<DocumentReference>([$"patient=Patient/{marie:N}", $"category={kind}"], pageSize: 100);
            Assert.All(bundle!.Entry, e => Assert.Equal(kind, Assert.IsType<DocumentReference>(e.Resource).Category.Single().Coding.Single().Code));
            perKind += bundle.Total!.Value;
        }

        Assert.Equal(all, perKind);
    }

    [Fact]
    public async Task A_patient_without_link_looks_exactly_like_no_patient()
    {
        var http = factory.Client(factory.DrDupont);
        var nobody = Guid.NewGuid();
        var birth = new DateOnly(1981, 2, 3);
        var lucNiss = InteropFactory.Niss(birth, 901);
        Guid luc;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            luc = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new RegisterPatient(lucNiss, "Paul", "Sanslien", birth, "M", "fr", ["Rue 2", "7000 Mons"], null, false));
        }

        await AssertSameAsync(http, $"/fhir/Patient/{luc:N}", $"/fhir/Patient/{nobody:N}", HttpStatusCode.NotFound);
        await AssertSameAsync(http, $"/fhir/DocumentReference?patient=Patient/{luc:N}", $"/fhir/DocumentReference?patient=Patient/{nobody:N}", HttpStatusCode.OK);
        await AssertSameAsync(
            http,
            $"/fhir/Patient?identifier={NissSystem}|{lucNiss}",
            $"/fhir/Patient?identifier={NissSystem}|{InteropFactory.Niss(new DateOnly(1981, 2, 3), 902)}",
            HttpStatusCode.OK);
        var lucDocument = await FileTextAsync(lucNiss, "Sanslien", "Paul", birth, "unlinked-report");
        await AssertSameAsync(http, $"/fhir/Binary/{lucDocument:N}", $"/fhir/Binary/{Guid.NewGuid():N}", HttpStatusCode.NotFound);
        await AssertSameAsync(http, $"/fhir/DocumentReference/{lucDocument:N}", $"/fhir/DocumentReference/{Guid.NewGuid():N}", HttpStatusCode.NotFound);
        var empty = await Client(factory.DrDupont).SearchAsync<DocumentReference>([$"patient=Patient/{luc:N}"]);
        Assert.Equal(0, empty!.Total);
    }

    [Fact]
    public async Task A_document_masked_at_the_desk_disappears_from_the_list_and_the_count()
    {
        var client = Client(factory.DrDupont);
        var smith = factory.Patients["smith"];
        var filed = await FileForSmithAsync("masked-report");
        var before = await TotalAsync(client, $"patient=Patient/{smith:N}");

        var mask = await PageForms.PostAsync(factory.Client(factory.Desk), $"/desk/patients/{smith}/documents", new Dictionary<string, string>
        {
            ["documentId"] = filed.ToString(),
            ["mask"] = "true",
            ["reference"] = "REQ-FHIR",
        });
        await PageForms.AssertRedirectAsync(mask, "desk mask");

        Assert.Equal(before - 1, await TotalAsync(client, $"patient=Patient/{smith:N}"));
        var error = await Assert.ThrowsAsync<FhirOperationException>(() => client.ReadAsync<DocumentReference>($"DocumentReference/{filed:N}"));
        Assert.Equal(HttpStatusCode.NotFound, error.Status);
    }

    [Fact]
    public async Task Every_fhir_read_is_in_the_patients_access_log()
    {
        var smith = factory.Patients["smith"];
        var document = await FileForSmithAsync("audited-report");
        var before = await factory.CountAsync($"SELECT count(*) FROM audit.records WHERE patient_id = '{smith}' AND action = 'download' AND document_id = '{document}'");

        await Client(factory.DrDupont).ReadAsync<Binary>($"Binary/{document:N}");

        Assert.Equal(before + 1, await factory.CountAsync($"SELECT count(*) FROM audit.records WHERE patient_id = '{smith}' AND action = 'download' AND document_id = '{document}'"));
    }

    [Fact]
    public async Task Bad_requests_get_an_operation_outcome_not_a_page()
    {
        var client = Client(factory.DrDupont);
        var invalid = await Assert.ThrowsAsync<FhirOperationException>(() => client.SearchAsync<Patient>([$"identifier={NissSystem}|12345678901"]));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Contains("NISS", invalid.Outcome!.Issue.Single().Diagnostics, StringComparison.Ordinal);

        var badDate = await Assert.ThrowsAsync<FhirOperationException>(() => client.SearchAsync<DocumentReference>(["patient=Patient/" + Guid.NewGuid().ToString("N"), "date=yesterday"]));
        Assert.Equal(HttpStatusCode.BadRequest, badDate.Status);

        using var anonymous = await factory.CreateClient().GetAsync(new Uri("/fhir/Patient?identifier=" + factory.NissOf["smith"], UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("OperationOutcome", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var desk = await Assert.ThrowsAsync<FhirOperationException>(() => Client(factory.Desk).ReadAsync<Patient>($"Patient/{factory.Patients["smith"]:N}"));
        Assert.Equal(HttpStatusCode.Forbidden, desk.Status);
    }

    private FhirClient Client(TestUser user, ResourceFormat format = ResourceFormat.Json)
    {
        var http = factory.Client(user);
        return new FhirClient(new Uri(http.BaseAddress!, "/fhir"), http, new FhirClientSettings { PreferredFormat = format, VerifyFhirVersion = false });
    }

    private static async Task<int> TotalAsync(FhirClient client, params string[] criteria) =>
        (await client.SearchAsync<DocumentReference>([.. criteria, "_count=0"]))!.Total!.Value;

    private static async Task AssertSameAsync(HttpClient http, string refused, string absent, HttpStatusCode status)
    {
        using var a = await http.GetAsync(new Uri(refused, UriKind.Relative));
        using var b = await http.GetAsync(new Uri(absent, UriKind.Relative));
        Assert.Equal(status, a.StatusCode);
        Assert.Equal(status, b.StatusCode);
        var textA = await a.Content.ReadAsStringAsync();
        var textB = await b.Content.ReadAsStringAsync();
        // The links repeat what was asked (the id in the URL); everything else is identical.
        Assert.Equal(Strip(textB, absent), Strip(textA, refused));
    }

    private static string Strip(string body, string path)
    {
        var query = path.Split('?', '=', '|', '/').Last();
        return body.Replace(query, "ID", StringComparison.Ordinal);
    }

    private async Task<Guid> PatientAsync(string query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SearchPatients(query))).Single().PatientId;
    }

    private async Task<Guid> FileTextAsync(string niss, string lastName, string firstName, DateOnly birth, string key)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new FileInboundDocument(
            "fhir-test",
            key + "-" + Guid.NewGuid().ToString("N"),
            new InboundPatient(niss, null, lastName, firstName, birth),
            System.Text.Encoding.UTF8.GetBytes("Compte rendu de consultation.\nRien a signaler."),
            new InboundDetails(key + ".txt", "Consultation " + key, "report", new DateTimeOffset(2025, 5, 6, 10, 0, 0, TimeSpan.Zero), "Cardiologie", "Dr Test")));
        Assert.Equal(InboundFilingStatus.Filed, result.Status);
        return result.DocumentId!.Value;
    }

    private Task<Guid> FileForSmithAsync(string key) => FileTextAsync(factory.NissOf["smith"], "Smith", "Lucy", new DateOnly(2014, 10, 14), key);
}
