using System.Text.RegularExpressions;
using HapModular.SharedKernel;
using HapModular.Testing;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Tests.Matrix;

/// <summary>
/// Issue 12 point 9: no stored code reaches a person. Every patient page, "My patients" in each of its states, the
/// desk, its access report and the DPO's pages are rendered in the four languages and scanned for a text that is only
/// a known code value (link types, proofs, methods, statuses, audit actions, outcomes, reasons, purposes).
/// </summary>
public sealed partial class ConsentMatrixTests
{
    /// <summary>Lower-case codes: never a word of any of the four languages on their own.</summary>
    private static readonly string[] Codes =
    [
        "consultation", "gmd", "referral", "hospitalisation", "emergency", "patient-declared",
        "signed-form", "eid-read", "eid-card-number", "signed", "oral",
        "read", "search", "render", "download", "imaging-open", "imaging-retrieve", "smart-launch", "launch-context", "browser", "dicomweb-client", "mask", "unmask", "desk-documents", "desk-identity", "access-report", "own-access-report",
        "link", "no-consent", "excluded", "no-link", "inactive-account", "visible", "document-not-found", "masked", "not-author", "embargoed",
        "role", "staff", "anonymous", "patient-request", "care-ended", "patient-left", "declared-in-error", "other-reason", "ended-by-physician",
        "link-declared", "link-activated", "link-revoked", "link-renewed", "link-expired", "consent-given", "consent-revoked", "exclusion-added",
        "unconscious", "emergency-care", "TREAT", "ETREAT",
    ];

    /// <summary>Enum names: codes in French, Dutch and German (in English some are also the word, so not checked there).</summary>
    private static readonly string[] EnumCodes = ["Allowed", "Denied", "Failed", "Active", "Pending", "Revoked", "Expired", "Given", "None", "Deceased"];

    [Theory]
    [InlineData("fr")]
    [InlineData("nl")]
    [InlineData("de")]
    [InlineData("en")]
    public async Task No_page_shows_a_raw_code_in_any_language(string culture)
    {
        var dpo = new TestUser(Guid.NewGuid(), [Roles.Dpo], null, "Delphine DPO");
        var visits = new List<(TestUser User, string Url)>();
        var patientPages = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => e.RoutePattern.RawText?.Trim('/') ?? string.Empty)
            .Where(r => r.Contains("{patientId", StringComparison.Ordinal))
            .Distinct();
        foreach (var route in patientPages.Except(WaysInWithoutPatientData))
        {
            var user = route.StartsWith("desk/", StringComparison.Ordinal) ? W.Desk : W.Linked;
            visits.Add((user, "/" + Fill(route, route.Contains("{documentId", StringComparison.Ordinal) ? W.A.Ct : Guid.Empty)));
        }

        // "My patients" with an active, an ended-by-you, a revoked-by-desk, an expired and a blocked link.
        foreach (var physician in new[] { W.Linked, W.RevokedByPhysician, W.RevokedByDesk, W.ExpiredByTime, W.ExpiredByJob, W.Excluded })
        {
            visits.Add((physician, "/patients"));
        }

        visits.Add((W.Desk, $"/desk?patient={W.A.Id}"));
        visits.Add((W.Desk, $"/desk?patient={W.C.Id}"));
        visits.Add((W.Desk, $"/desk/access-report/{W.A.Id}"));
        visits.Add((dpo, "/dpo/emergency"));
        visits.Add((dpo, "/dpo/audit?physician=Test"));

        var codes = culture == "en" ? Codes : [.. Codes, .. EnumCodes];
        var pattern = new Regex(">\\s*(" + string.Join("|", codes.Select(Regex.Escape)) + ")\\s*<", RegexOptions.CultureInvariant);
        var found = new List<string>();
        foreach (var (user, url) in visits)
        {
            var answer = await GetAsync(new Situation("words", user, W.A.Id, W.A), url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "culture=" + culture);
            Assert.True(answer.Status == 200, $"{url}: {answer.Status}");
            found.AddRange(pattern.Matches(MainContent(answer.Body)).Select(m => $"{url}: {m.Groups[1].Value}"));
        }

        Assert.True(visits.Count >= 15, string.Join("\n", visits.Select(v => v.Url)));
        Assert.True(found.Count == 0, "raw codes shown:\n" + string.Join("\n", found.Distinct()));
    }

    /// <summary>The page's own content (menus and the language switch are the layout's, with their own tests).</summary>
    private static string MainContent(string body)
    {
        var start = body.IndexOf("<main", StringComparison.Ordinal);
        var end = body.LastIndexOf("</main>", StringComparison.Ordinal);
        return start >= 0 && end > start ? body[start..end] : body;
    }
}
