using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Records.Tests.Matrix;

/// <summary>
/// Issue 12 point 3: the one patient banner (name, birth date, age, sex, masked NISS) on every page whose route names a
/// patient, for whoever may see that page — and on no page that shows nothing of the patient.
/// </summary>
public sealed partial class ConsentMatrixTests
{
    /// <summary>Pages that take a patient id but show nothing of the patient: they must not carry the banner.</summary>
    private static readonly string[] WaysInWithoutPatientData =
    [
        "patients/{patientId:guid}/emergency", // the break-the-glass form: asking for access reveals no one
    ];

    [Fact]
    public async Task Every_page_that_names_a_patient_in_its_route_shows_the_one_banner()
    {
        var pages = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => e.RoutePattern.RawText?.Trim('/') ?? string.Empty)
            .Where(r => r.Contains("{patientId", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("patients/{patientId:guid}/documents/{documentId:guid}", pages);

        var visited = new List<string>();
        foreach (var route in pages.Except(WaysInWithoutPatientData))
        {
            // Staff pages for the desk agent, every other page for the linked physician; DICOM and photo documents.
            var user = route.StartsWith("desk/", StringComparison.Ordinal) ? W.Desk : W.Linked;
            var documents = route.Contains("{documentId", StringComparison.Ordinal) ? new[] { W.A.Photo, W.A.Ct } : [Guid.Empty];
            foreach (var document in documents)
            {
                var url = "/" + Fill(route, document);
                var answer = await GetAsync(new Situation("banner", user, W.A.Id, W.A), url);
                Assert.True(answer.Status == 200, $"{url}: {answer.Status}");
                AssertBanner(answer.Body, url);
                visited.Add(url);
            }
        }

        Assert.True(visited.Count >= 6, string.Join("\n", visited));
    }

    [Fact]
    public async Task A_way_in_without_patient_data_shows_no_banner_even_to_the_linked_physician()
    {
        foreach (var route in WaysInWithoutPatientData)
        {
            foreach (var user in new[] { W.NoLink, W.Linked })
            {
                var answer = await GetAsync(new Situation("way in", user, W.A.Id, W.A), "/" + Fill(route, Guid.Empty));
                Assert.Equal(200, answer.Status);
                Assert.DoesNotContain("patient-banner", answer.Body, StringComparison.Ordinal);
                Assert.DoesNotContain("Artois", answer.Body, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    private string Fill(string route, Guid document)
    {
        var url = route.Replace("{patientId:guid}", W.A.Id.ToString(), StringComparison.Ordinal)
            .Replace("{documentId:guid}", document.ToString(), StringComparison.Ordinal);
        Assert.False(url.Contains('{', StringComparison.Ordinal), $"a new patient page route ({route}): give its other route values here");
        return url;
    }

    private void AssertBanner(string body, string url)
    {
        // Exactly one banner, with each of its facts; the NISS only masked.
        var count = body.Split("class=\"patient-banner\"").Length - 1;
        Assert.True(count == 1, $"{url}: {count} banners");
        var start = body.IndexOf("class=\"patient-banner\"", StringComparison.Ordinal);
        var banner = body[start..body.IndexOf("</section>", start, StringComparison.Ordinal)];
        Assert.Contains("ARTOIS</strong> Alice", banner, StringComparison.Ordinal);
        Assert.Contains("02/01/1961", banner, StringComparison.Ordinal);
        Assert.Contains($"{AgeOfA()} ans", banner, StringComparison.Ordinal);
        Assert.Contains("féminin", banner, StringComparison.Ordinal);
        Assert.Contains("••.••.••-•••." + W.A.Niss[9..], banner, StringComparison.Ordinal);
        Assert.DoesNotContain(W.A.Niss, body, StringComparison.Ordinal);
    }

    private int AgeOfA()
    {
        var today = SharedKernel.BrusselsTime.Today(factory.Services.GetRequiredService<TimeProvider>());
        return SharedKernel.BrusselsTime.AgeOn(W.A.BirthDate, today);
    }
}
