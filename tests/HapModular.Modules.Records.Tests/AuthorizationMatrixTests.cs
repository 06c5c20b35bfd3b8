using System.Net;
using HapModular.SharedKernel;
using HapModular.Testing;

namespace HapModular.Modules.Records.Tests;

/// <summary>
/// R1/R6 with Consent's answer SCRIPTED per reason code (see <see cref="GuardFactory"/>): Records' own mapping of
/// every decision — including the staff-role refusal, which the real matrix (<c>Matrix/ConsentMatrixTests</c>, the
/// refusals made by Consent's real pages) cannot compare byte for byte because staff see another navigation — to the
/// same neutral 404, never content, no hint of which reason applied. Compares the main content.
/// </summary>
public sealed class AuthorizationMatrixTests(GuardFactory factory) : IClassFixture<GuardFactory>, IAsyncLifetime
{
    private GuardWorld w = null!;

    public async Task InitializeAsync() => w = await GuardWorld.CreateAsync(factory, nameof(AuthorizationMatrixTests));

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string> Endpoints => new() { "timeline", "page", "thumbnail", "render", "download" };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_refusal_gives_the_same_neutral_answer(string endpoint)
    {
        var cases = new List<(string Name, TestUser User, Guid Patient, Guid Document)>
        {
            ("no link", w.NoLink, w.PatientA, w.Photo),
            ("expired", w.Expired, w.PatientA, w.Photo),
            ("revoked", w.Revoked, w.PatientA, w.Photo),
            ("consent withdrawn", w.ConsentWithdrawn, w.PatientA, w.Photo),
            ("excluded", w.Excluded, w.PatientA, w.Photo),
            ("staff (DPO)", new TestUser(Guid.NewGuid(), [Roles.Dpo], null, "Dr Test"), w.PatientA, w.Photo),
            ("unknown patient", w.Linked, Guid.NewGuid(), w.Photo),
        };
        if (endpoint != "timeline")
        {
            cases.Add(("masked", w.Linked, w.PatientA, w.Masked));
            cases.Add(("embargoed", w.Linked, w.PatientA, w.Embargoed));
            cases.Add(("another patient's document", w.Linked, w.PatientA, w.OtherPatientsDocument));
            cases.Add(("unknown document", w.Linked, w.PatientA, Guid.NewGuid()));
        }

        var bodies = new List<(string Url, string Main)>();
        foreach (var (name, user, patient, document) in cases)
        {
            var url = Url(endpoint, patient, document);
            var response = await factory.CreateClient().As(user).GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{name}: {response.StatusCode}");
            var body = NeutralDenial.MainContent(await response.Content.ReadAsStringAsync());
            Assert.DoesNotContain("Artois", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("hopper", body, StringComparison.OrdinalIgnoreCase);
            Assert.True(NeutralDenial.ForeignIds(body, url) is [], $"{name}: the denial names another id than the URL's");
            bodies.Add((url, body));
        }

        // The same URL gives the same bytes whatever the reason; another patient id differs by that id only.
        Assert.All(bodies.GroupBy(b => b.Url), sameUrl => Assert.Single(sameUrl.Select(b => b.Main).Distinct()));
        Assert.Single(bodies.Select(b => NeutralDenial.WithPlaceholders(b.Main, b.Url)).Distinct());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_linked_physician_gets_the_content(string endpoint)
    {
        var response = await factory.CreateClient().As(w.Linked).GetAsync(Url(endpoint, w.PatientA, w.Photo));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timeline_shows_neither_masked_nor_embargoed_documents_nor_counts_them()
    {
        var html = await factory.CreateClient().As(w.Linked).GetStringAsync($"/patients/{w.PatientA}");
        Assert.Contains("ARTOIS", html, StringComparison.Ordinal);
        Assert.Contains($"/documents/{w.Report}", html, StringComparison.Ordinal);
        Assert.DoesNotContain(w.Masked.ToString(), html, StringComparison.Ordinal);
        Assert.DoesNotContain(w.Embargoed.ToString(), html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Tous les types (4)", html, StringComparison.Ordinal);
        Assert.Contains("Tous les types (2)", html, StringComparison.Ordinal);
    }

    internal static string Url(string endpoint, Guid patient, Guid document) => endpoint switch
    {
        "timeline" => $"/patients/{patient}",
        "page" => $"/patients/{patient}/documents/{document}",
        "thumbnail" => $"/patients/{patient}/documents/{document}/thumbnail",
        "render" => $"/patients/{patient}/documents/{document}/render/view",
        _ => $"/patients/{patient}/documents/{document}/download",
    };
}
