namespace HapModular.Modules.Records.Tests.Matrix;

/// <summary>
/// The ways in offered by the denial (declare a link, emergency access) and the places where a refused document could
/// still show through an allowed page: none may tell the reason of a refusal. Same host and world as the matrix.
/// </summary>
public sealed partial class ConsentMatrixTests
{
    [Theory]
    [InlineData("fr", "Déclarer un lien thérapeutique", "Accès d'urgence (bris de glace)")]
    [InlineData("nl", "Een therapeutische relatie melden", "Toegang in noodgeval (break the glass)")]
    [InlineData("de", "Eine therapeutische Beziehung melden", "Notfallzugriff (Break-the-Glass)")]
    [InlineData("en", "Declare a therapeutic link", "Emergency access (break the glass)")]
    public async Task The_denial_offers_a_link_and_emergency_access_for_the_patient_in_the_URL(string culture, string declare, string emergency)
    {
        var unknown = Guid.NewGuid();
        foreach (var (user, patient, url) in new[]
        {
            (W.NoLink, W.A.Id, $"/patients/{W.A.Id}"),
            (W.Excluded, W.A.Id, $"/patients/{W.A.Id}/documents/{W.A.Photo}"),
            (W.Linked, W.A.Id, $"/patients/{W.A.Id}/documents/{W.Masked}"),
            (W.Linked, W.C.Id, $"/patients/{W.C.Id}/photos/compare"),
            (W.Linked, unknown, $"/patients/{unknown}"),
        })
        {
            var client = W.Client(factory, user);
            await client.GetAsync(new Uri($"/culture/{culture}?returnUrl=/", UriKind.Relative));
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            var html = await response.Content.ReadAsStringAsync();
            var main = System.Net.WebUtility.HtmlDecode(NeutralDenial.MainContent(html));
            Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains($"href=\"/links/declare\" id=\"no-access-declare\">{declare}</a>", main, StringComparison.Ordinal);
            Assert.Contains($"href=\"/patients/{patient}/emergency\" id=\"no-access-emergency\">{emergency}</a>", main, StringComparison.Ordinal);
        }

        // The link leads to Consent's real emergency page for that patient.
        var page = await W.Client(factory, W.NoLink).GetStringAsync(new Uri($"/patients/{W.A.Id}/emergency", UriKind.Relative));
        Assert.Contains("id=\"emergency-access\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Following_the_emergency_path_is_refused_alike_whether_excluded_without_consent_or_unknown()
    {
        // From the denial, the way in must not tell the reason either: Consent refuses every one of these the same.
        var refusals = new List<(string Url, string Main)>();
        foreach (var (user, patient) in new[] { (W.Excluded, W.A.Id), (W.Linked, W.C.Id), (W.Linked, W.D.Id), (W.Linked, Guid.NewGuid()) })
        {
            var url = $"/patients/{patient}/emergency";
            var response = await Testing.PageForms.PostAsync(W.Client(factory, user), url, new Dictionary<string, string>
            {
                ["Category"] = "emergency-care",
                ["Justification"] = "Douleur thoracique aiguë, besoin des ECG antérieurs.",
            });
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            var main = NeutralDenial.MainContent(await response.Content.ReadAsStringAsync());
            Assert.Contains("L'accès d'urgence n'est pas possible pour ce patient.", System.Net.WebUtility.HtmlDecode(main), StringComparison.Ordinal);
            Assert.True(NeutralDenial.ForeignIds(main, url) is [], "the refusal names another id");
            refusals.Add((url, NeutralDenial.WithPlaceholders(main, url)));
        }

        Assert.Single(refusals.Select(r => r.Main).Distinct());
        Assert.False((await CheckAsync(W.Excluded, W.A.Id)).Allowed);
    }

    [Fact]
    public async Task Photo_compare_treats_masked_embargoed_and_foreign_documents_as_unknown_ones()
    {
        // The linked physician may compare A's photos; a document the guard would refuse must not look different from
        // a made-up id in the picker's answer.
        var pages = new List<string>();
        foreach (var document in new[] { W.Masked, W.Embargoed, W.B.Photo, Guid.NewGuid() })
        {
            var url = $"/patients/{W.A.Id}/photos/compare?before={document}&after={W.A.Photo2}";
            var answer = await GetAsync(new Situation("linked", W.Linked, W.A.Id, W.A), url);
            Assert.Equal(200, answer.Status);
            Assert.Contains("id=\"before-error\"", answer.Body, StringComparison.Ordinal);
            Assert.True(NeutralDenial.ForeignIds(answer.Body, url).All(id => id == W.A.Photo || id == W.A.Photo2), "the page names a document it should not");
            pages.Add(NeutralDenial.WithPlaceholders(answer.Body, url));
        }

        Assert.Single(pages.Distinct());
    }

    [Fact]
    public async Task The_authors_mask_form_is_refused_alike_to_everyone_else()
    {
        // The one POST on a patient's document: whoever is not its author (or has no access) gets the same denial.
        var refusals = new List<string>();
        var situations = W.Refusals.Append(new Situation("linked, not the author", W.Linked, W.A.Id, W.A));
        foreach (var s in situations)
        {
            var page = $"/patients/{s.PatientId}/documents/{s.Document ?? s.Files.Photo}";
            var response = await Testing.PageForms.PostAsync(W.Client(factory, s.User), page, new Dictionary<string, string> { ["mask"] = "true" }, action: page + "?handler=Mask");
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.NotFound, $"{s}: {response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(NeutralDenial.ForeignIds(body, page) is [], $"{s}: the denial names another id");
            refusals.Add(NeutralDenial.WithPlaceholders(body, page));
        }

        Assert.Single(refusals.Distinct());
    }
}
