using System.Net;
using System.Text;
using HapModular.Modules.Records.Ingestion;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace HapModular.Modules.Interop.Tests;

/// <summary>
/// Issue 14, inbound: a hospital system POSTs a DocumentReference (or a transaction Bundle) with its source-system key;
/// the document is filed once on the record its NISS and name confirm, a resend is not a duplicate, a name that does not
/// match is held for the desk, and bad input gets FHIR's own error. What was filed is then read back by Dr Dupont's
/// FhirClient through the guard.
/// </summary>
public sealed partial class FhirApiTests
{
    private string? senderKey;

    [Fact]
    public async Task A_hospital_system_files_a_document_reference_once_and_a_resend_is_not_a_duplicate()
    {
        var smith = factory.Patients["smith"];
        var before = await TotalAsync(Client(factory.DrDupont), $"patient=Patient/{smith:N}");
        var text = Encoding.UTF8.GetBytes("Lettre de sortie.\nEvolution favorable.");
        var document = Submission("letter-" + Guid.NewGuid().ToString("N"), "Smith", text);

        using var first = await PostAsync("/fhir/DocumentReference", document.ToJson(), "application/fhir+json");
        using var resend = await PostAsync("/fhir/DocumentReference", document.ToJson(), "application/fhir+json");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        Assert.Equal(first.Headers.Location, resend.Headers.Location);
        Assert.Equal(before + 1, await TotalAsync(Client(factory.DrDupont), $"patient=Patient/{smith:N}"));
        var filed = await Client(factory.DrDupont).ReadAsync<DocumentReference>(first.Headers.Location!.AbsoluteUri);
        Assert.Equal("Lettre de sortie FHIR", filed!.Description);
        var id = filed.Id;
        Assert.Equal(text, (await Client(factory.DrDupont).ReadAsync<Binary>("Binary/" + id))!.Data);
    }

    [Fact]
    public async Task A_transaction_bundle_in_xml_is_filed_and_a_name_that_does_not_match_is_held_for_the_desk()
    {
        var smith = factory.Patients["smith"];
        var before = await TotalAsync(Client(factory.DrDupont), $"patient=Patient/{smith:N}");
        var bytes = Encoding.UTF8.GetBytes("Protocole operatoire.");
        var bundle = Bundle("op-" + Guid.NewGuid().ToString("N"), "Smith", bytes);

        using var filed = await PostAsync("/fhir", bundle.ToXml(), "application/fhir+xml");

        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        var answer = (Bundle)new FhirXmlDeserializer().DeserializeResource(await filed.Content.ReadAsStringAsync());
        Assert.Equal(global::Hl7.Fhir.Model.Bundle.BundleType.TransactionResponse, answer.Type);
        Assert.Equal(before + 1, await TotalAsync(Client(factory.DrDupont), $"patient=Patient/{smith:N}"));

        var key = "wrong-name-" + Guid.NewGuid().ToString("N");
        using var held = await PostAsync("/fhir/DocumentReference", Submission(key, "Smyth", bytes).ToJson(), "application/fhir+json");
        Assert.Equal(HttpStatusCode.Accepted, held.StatusCode);
        Assert.Contains("desk", await held.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await TotalAsync(Client(factory.DrDupont), $"patient=Patient/{smith:N}"));
        var message = await factory.InboxAsync("fhir", "fhir-tests|urn:ietf:rfc:3986|urn:oid:1.2.3." + key);
        Assert.Equal("held", message!.Status);
    }

    [Fact]
    public async Task A_hospital_fhir_client_sends_a_transaction_and_gets_a_transaction_response_entry_by_entry()
    {
        var smith = factory.Patients["smith"];
        var before = await TotalAsync(Client(factory.DrDupont), $"patient=Patient/{smith:N}");
        var hospital = await HospitalClientAsync();
        var bundle = Bundle("tx-" + Guid.NewGuid().ToString("N"), "Smith", Encoding.UTF8.GetBytes("Compte rendu de consultation."));

        var response = await hospital.TransactionAsync(bundle);

        Assert.Equal(global::Hl7.Fhir.Model.Bundle.BundleType.TransactionResponse, response!.Type);
        var entries = response.Entry.Select(e => e.Response!).ToList();
        Assert.Equal(["200 OK", "201 Created", "201 Created"], entries.Select(e => e.Status));
        Assert.Equal($"Patient/{smith:N}", entries[0].Location);
        var documentId = entries[2].Location!.Split('/')[1];
        Assert.Equal($"Binary/{documentId}/_history/1", entries[1].Location);
        Assert.Equal($"DocumentReference/{documentId}/_history/1", entries[2].Location);
        Assert.Equal("W/\"1\"", entries[2].Etag);
        Assert.Equal(before + 1, await TotalAsync(Client(factory.DrDupont), $"patient=Patient/{smith:N}"));
        Assert.Equal("Lettre de sortie FHIR", (await Client(factory.DrDupont).ReadAsync<DocumentReference>("DocumentReference/" + documentId))!.Description);

        // All or nothing, and a resend changes nothing: the same entries, answered 200 with the same locations.
        var again = await hospital.TransactionAsync(bundle);
        Assert.Equal(["200 OK", "200 OK", "200 OK"], again!.Entry.Select(e => e.Response!.Status));
        Assert.Equal(entries.Select(e => e.Location), again.Entry.Select(e => e.Response!.Location));

        // Held for the desk: every entry says so, nothing is filed, no location is invented.
        var held = await hospital.TransactionAsync(Bundle("tx-held-" + Guid.NewGuid().ToString("N"), "Smyth", Encoding.UTF8.GetBytes("x")));
        Assert.All(held!.Entry, e => Assert.Equal("202 Accepted", e.Response!.Status));
        Assert.All(held.Entry, e => Assert.Null(e.Response!.Location));
        Assert.Contains("desk", ((OperationOutcome)held.Entry[2].Response!.Outcome!).Issue[0].Diagnostics!, StringComparison.Ordinal);
        Assert.Equal(before + 1, await TotalAsync(Client(factory.DrDupont), $"patient=Patient/{smith:N}"));
    }

    [Fact]
    public async Task Bad_submissions_get_fhirs_own_errors_and_nothing_is_filed()
    {
        var smith = factory.Patients["smith"];
        var before = await TotalAsync(Client(factory.DrDupont), $"patient=Patient/{smith:N}");
        var valid = Submission("bad-" + Guid.NewGuid().ToString("N"), "Smith", Encoding.UTF8.GetBytes("x"));

        using var noKey = await factory.CreateClient().PostAsync(new Uri("/fhir/DocumentReference", UriKind.Relative), new StringContent(valid.ToJson(), Encoding.UTF8, "application/fhir+json"));
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Contains("OperationOutcome", await noKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var notFhir = await PostAsync("/fhir/DocumentReference", "{\"resourceType\":\"DocumentReference\",\"status\":42", "application/fhir+json");
        Assert.Equal(HttpStatusCode.BadRequest, notFhir.StatusCode);
        Assert.Contains("OperationOutcome", await notFhir.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var noIdentifier = (DocumentReference)valid.DeepCopy();
        noIdentifier.MasterIdentifier = null;
        using var missing = await PostAsync("/fhir/DocumentReference", noIdentifier.ToJson(), "application/fhir+json");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("masterIdentifier", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(before, await TotalAsync(Client(factory.DrDupont), $"patient=Patient/{smith:N}"));
    }

    private DocumentReference Submission(string key, string family, byte[] content) => new()
    {
        MasterIdentifier = new Identifier("urn:ietf:rfc:3986", "urn:oid:1.2.3." + key),
        Status = DocumentReferenceStatus.Current,
        Description = "Lettre de sortie FHIR",
        Date = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
        Contained = [SmithAs(family, "p")],
        Subject = new ResourceReference("#p"),
        Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = "text/plain", Data = content, Title = "lettre.txt" } }],
    };

    private Bundle Bundle(string key, string family, byte[] content)
    {
        var document = Submission(key, family, content);
        document.Contained.Clear();
        document.Subject = new ResourceReference("urn:uuid:7f1b7a52-5f5e-4a53-9d2c-3a4f0b1c2d3e");
        document.Content[0].Attachment.Data = null;
        document.Content[0].Attachment.Url = "urn:uuid:0b6f3c1e-8a2d-4e7b-9c5a-1d2e3f4a5b6c";
        var bundle = new Bundle { Type = global::Hl7.Fhir.Model.Bundle.BundleType.Transaction };
        bundle.Entry.Add(Entry("urn:uuid:7f1b7a52-5f5e-4a53-9d2c-3a4f0b1c2d3e", SmithAs(family, null), "Patient"));
        bundle.Entry.Add(Entry("urn:uuid:0b6f3c1e-8a2d-4e7b-9c5a-1d2e3f4a5b6c", new Binary { ContentType = "text/plain", Data = content }, "Binary"));
        bundle.Entry.Add(Entry("urn:uuid:" + Guid.NewGuid(), document, "DocumentReference"));
        return bundle;
    }

    private static Bundle.EntryComponent Entry(string fullUrl, Resource resource, string type) => new()
    {
        FullUrl = fullUrl,
        Resource = resource,
        Request = new Bundle.RequestComponent { Method = global::Hl7.Fhir.Model.Bundle.HTTPVerb.POST, Url = type },
    };

    private Patient SmithAs(string family, string? id) => new()
    {
        Id = id,
        Identifier = [new Identifier("https://www.ehealth.fgov.be/standards/fhir/core/NamingSystem/ssin", factory.NissOf["smith"])],
        Name = [new HumanName { Family = family, Given = ["Lucy"] }],
        BirthDate = "2014-10-14",
    };

    private async Task<HttpResponseMessage> PostAsync(string path, string body, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add("X-Api-Key", await SenderKeyAsync());
        return await factory.CreateClient().SendAsync(request);
    }

    /// <summary>The hospital system's own FhirClient, with its source-system key on every request.</summary>
    private async Task<FhirClient> HospitalClientAsync()
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", await SenderKeyAsync());
        return new FhirClient(new Uri(http.BaseAddress!, "/fhir"), http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });
    }

    // As the hospital's administrator does with `import --create-key fhir-tests` (once: a new key replaces the old one).
    private async Task<string> SenderKeyAsync()
    {
        if (senderKey is null)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            senderKey = await scope.ServiceProvider.GetRequiredService<SourceSystemKeys>().CreateOrRotateAsync("fhir-tests", default);
        }

        return senderKey;
    }
}
