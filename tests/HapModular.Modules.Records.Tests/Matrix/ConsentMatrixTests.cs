using HapModular.Modules.Consent.Contracts;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Tests.Matrix;

/// <summary>
/// Issue 5's authorization matrix over the REAL Consent module: every refusal situation of <see cref="MatrixWorld"/>
/// (produced by Consent's own pages and expiry job) × every patient-scoped URL shape of <see cref="MatrixEndpoints"/>
/// gives the same neutral denial — same status and headers, the same bytes for the same URL, the same text once the
/// URL's ids are placeholders, no id of anything else, never content — while the linked physician gets the content.
/// </summary>
public sealed partial class ConsentMatrixTests(MatrixFactory factory) : IClassFixture<MatrixFactory>
{
    private MatrixWorld W => factory.World;

    public static TheoryData<string> Endpoints => MatrixEndpoints.Names;

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_refusal_gives_the_same_neutral_denial(string endpoint)
    {
        var e = MatrixEndpoints.Get(endpoint);
        var denials = new List<(Situation Situation, string Url, Answer Answer)>();
        foreach (var situation in W.Refusals.Where(s => e.DocumentScoped || s.Document is null))
        {
            var url = e.Url(situation);
            var answer = await GetAsync(situation, url);
            Assert.True(answer.Status == 404, $"{situation}: {answer.Status} for {url}");
            // The language links echo the URL the physician typed (search text included): that is not content.
            var leak = NeverContent(answer.Body.Replace(Uri.EscapeDataString(url), "{url}", StringComparison.Ordinal));
            Assert.True(leak is null, $"{situation}: the denial shows {leak}");
            Assert.True(NeutralDenial.ForeignIds(answer.Body, url) is [], $"{situation}: the denial names another id than the URL's");
            denials.Add((situation, url, answer));
        }

        var first = denials[0];
        foreach (var (situation, url, answer) in denials.Skip(1))
        {
            Assert.True(
                answer.Headers == first.Answer.Headers,
                $"{situation}: headers differ from {first.Situation}'s:\n{answer.Headers}\n---\n{first.Answer.Headers}");
            Assert.True(
                NeutralDenial.WithPlaceholders(answer.Body, url) == NeutralDenial.WithPlaceholders(first.Answer.Body, first.Url),
                $"{situation}: the denial differs from {first.Situation}'s");
        }

        // Same URL, different reasons (no link, expired, revoked, excluded, deactivated, masked…): byte for byte.
        foreach (var sameUrl in denials.GroupBy(d => d.Url).Where(g => g.Count() > 1))
        {
            Assert.Single(sameUrl.Select(d => NeutralDenial.WithoutToken(d.Answer.Body)).Distinct());
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task The_linked_physician_and_the_one_who_broke_the_glass_get_the_content(string endpoint)
    {
        var e = MatrixEndpoints.Get(endpoint);
        foreach (var situation in new Situation[] { new("linked", W.Linked, W.A.Id, W.A), new("active emergency grant", W.EmergencyActive, W.A.Id, W.A) })
        {
            var answer = await GetAsync(situation, e.Url(W.A));
            Assert.True(answer.Status == 200, $"{situation}: {answer.Status}");
            Assert.Contains("no-store", answer.CacheControl ?? string.Empty, StringComparison.Ordinal);
            Assert.True(e.Content(answer, W.A) is null, $"{situation}: {e.Content(answer, W.A)}");
        }
    }

    [Fact]
    public void The_matrix_covers_every_route_that_takes_a_patient_id()
    {
        // A new patient-scoped route must join MatrixEndpoints (or this list of routes that are not physicians' reads).
        string[] covered =
        [
            "patients/{patientId:guid}",
            "patients/{patientId:guid}/photos/compare",
            "patients/{patientId:guid}/imaging",
            "patients/{patientId:guid}/documents/{documentId:guid}",
            "patients/{patientId:guid}/documents/{documentId:guid}/thumbnail",
            "patients/{patientId:guid}/documents/{documentId:guid}/render/{target}",
            "patients/{patientId:guid}/documents/{documentId:guid}/download",
        ];
        string[] notPhysicianReads =
        [
            "patients/{patientId:guid}/emergency", // Consent's break-the-glass form: the way in, no patient data
            "desk/access-report/{patientId:guid}", // staff only: who accessed the record
            "desk/patients/{patientId:guid}/documents", // staff only: document metadata for the patient's masking requests
            // The FHIR API's read (Interop): same guard, its own neutral answer (a 404 OperationOutcome, an empty
            // searchset), proven byte for byte in Interop.Tests FhirApiTests.A_patient_without_link_looks_exactly_like_no_patient.
            "fhir/Patient/{id}",
        ];
        var routes = factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(r => r.RoutePattern.RawText?.Trim('/') ?? string.Empty)
            .Where(r => r.Contains("patient", StringComparison.OrdinalIgnoreCase) && r.Contains('{', StringComparison.Ordinal))
            // The workspace's DICOMweb base of one patient: every shape in the DICOMweb matrix (ConsentMatrixTests.DicomWeb).
            .Where(r => !r.StartsWith("patients/{patientId:guid}/dicomweb/", StringComparison.Ordinal))
            .ToHashSet();
        Assert.All(covered, route => Assert.Contains(route, routes));
        Assert.Empty(routes.Except(covered).Except(notPhysicianReads));
        Assert.All(covered, route => Assert.Contains(MatrixEndpoints.All, e => RouteOf(e.Template) == route));
    }

    private static string RouteOf(string template) => template.Split('?')[0].Trim('/')
        .Replace("{p}", "{patientId:guid}", StringComparison.Ordinal)
        .Replace("{photo}", "{documentId:guid}", StringComparison.Ordinal)
        .Replace("{ct}", "{documentId:guid}", StringComparison.Ordinal)
        .Replace("render/view", "render/{target}", StringComparison.Ordinal);

    [Fact]
    public async Task Each_situation_is_what_it_claims_in_Consent()
    {
        string[] expected = ["no-link", "no-link", "no-link", "no-link", "no-link", "excluded", "no-link", "inactive-account", "no-consent", "no-consent", "no-consent", "link", "link", "link", "link", "link", "link"];
        var reasons = new List<string>();
        await using var scope = factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        foreach (var s in W.Refusals)
        {
            reasons.Add((await mediator.Send(new CheckAccess(s.User.UserId, s.User.Inami, s.PatientId))).Reason);
        }

        Assert.Equal(expected, reasons);
        var history = await mediator.Send(new GetConsentHistory(W.A.Id));
        Assert.Contains(history, h => h.Kind == "link-expired" && h.ActorRole == "system" && h.StreamId == W.LinkIds["expired-by-job"]);
        Assert.DoesNotContain(history, h => h.Kind == "link-expired" && h.StreamId != W.LinkIds["expired-by-job"]);
        Assert.Contains(history, h => h.Kind == "link-revoked" && h.ActorRole == "physician" && h.StreamId == W.LinkIds["ended-by-physician"]);
        Assert.Contains(history, h => h.Kind == "link-revoked" && h.ActorRole == "patient-desk" && h.StreamId == W.LinkIds["revoked-by-desk"]);
        Assert.Contains(history, h => h.Kind == "exclusion-added");
        Assert.Contains(history, h => h.Kind == "emergency-granted");
        Assert.Contains(await mediator.Send(new GetConsentHistory(W.C.Id)), h => h.Kind == "consent-revoked");
    }

    private async Task<AccessDecision> CheckAsync(Testing.TestUser user, Guid patient)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CheckAccess(user.UserId, user.Inami, patient));
    }

    private async Task<Answer> GetAsync(Situation situation, string url)
    {
        using var response = await W.Client(factory, situation.User).GetAsync(new Uri(url, UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        // Date changes by the second, cookie values (anti-forgery) and the correlation id (the request's own trace id,
        // random) on every request: their names still count.
        var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .Select(h => h.Key switch
            {
                "Set-Cookie" => h.Key + ": " + string.Join(";", h.Value.Select(v => v.Split('=')[0])),
                "X-Correlation-Id" => h.Key,
                _ => h.Key + ": " + string.Join(",", h.Value),
            })
            .Order(StringComparer.Ordinal));
        return new Answer(
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            response.Headers.CacheControl?.ToString(),
            headers,
            bytes.Length,
            System.Text.Encoding.UTF8.GetString(bytes));
    }

    // What a denial must never show: names, titles, counts, thumbnails, viewers.
    private static string? NeverContent(string body) =>
        new[] { "patient-banner", "Artois", "Alice", "Claes", "Dierckx", "Bastin", "hopper", "Tous les types", "class=\"thumb", "data-document-id", "hap-photo-compare", "viewer-host", "kind-counts" }
            .FirstOrDefault(s => body.Contains(s, StringComparison.OrdinalIgnoreCase));
}
