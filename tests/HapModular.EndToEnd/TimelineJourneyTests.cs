using HapModular.SharedKernel;
using HapModular.Testing;
using Microsoft.Playwright;

namespace HapModular.EndToEnd;

/// <summary>
/// J3: a linked physician opens a demo patient's timeline, filters to imaging, opens a CT, a PDF report, an ECG and
/// a photo in their viewers; the same physician sees nothing of a patient they have no link with, and breaks the glass
/// from that denial (J7).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TimelineJourneyTests(TimelineJourneyTests.Portal portal) : IClassFixture<TimelineJourneyTests.Portal>
{
    /// <summary>
    /// The portal with the whole demo (accounts, records from the corpus, consent and links: Consent's real
    /// CheckAccess decides) and header sign-in. Dr Dupont (INAMI 18334780004) is linked to Marie Dubois, not to Luc Dupont.
    /// </summary>
    public sealed class Portal : PortalFixture
    {
        public Guid PhysicianId { get; private set; }

        public Guid PatientId { get; private set; }

        public Guid UnlinkedPatientId { get; private set; }

        protected override bool UseTestAuthentication => true;

        protected override bool RunJobs => false;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            (PhysicianId, PatientId, UnlinkedPatientId) = await DemoRecord.SeedAsync(Services);
        }
    }

    [Fact]
    public async Task A_linked_physician_browses_the_timeline_and_opens_each_kind_in_its_viewer()
    {
        await using var context = await ContextAsync(portal.PhysicianId, "Dr Dupont");
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync($"/patients/{portal.PatientId}");
        Assert.Equal(200, response!.Status);
        Assert.Contains("DUBOIS Marie", await page.InnerTextAsync(".patient-banner"), StringComparison.Ordinal);
        Assert.Contains("Lien thérapeutique : Consultation", await page.InnerTextAsync("#link-info"), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(page, "timeline-01-patient");

        await page.ClickAsync(".kind-counts a[data-kind=imaging]");
        Assert.All(await page.Locator(".timeline li.entry").AllAsync(), e => Assert.Equal("imaging", e.GetAttributeAsync("data-kind").Result));
        await PortalFixture.ScreenshotAsync(page, "timeline-02-imaging");

        // An image series opens its whole study in the imaging workspace.
        await page.GotoAsync($"/patients/{portal.PatientId}?kind=imaging");
        await page.Locator(".series-link[data-modality=CT]").First.ClickAsync();
        await page.WaitForSelectorAsync("#imaging-workspace #study-list");
        Assert.Contains("/imaging?study=", page.Url, StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(page, "timeline-03-ct");
        await OpenAsync(page, $"/patients/{portal.PatientId}?kind=report", "li.entry[data-media-type='application/pdf'] a", "timeline-04-pdf");
        await OpenAsync(page, $"/patients/{portal.PatientId}?kind=device-report&q=ecg", "li.entry a", "timeline-05-ecg");
        await OpenAsync(page, $"/patients/{portal.PatientId}?kind=photo", "li.entry[data-media-type='image/jpeg'] a", "timeline-06-photo");
    }

    [Fact]
    public async Task The_same_physician_sees_nothing_of_a_patient_without_a_link_and_may_break_the_glass_from_there()
    {
        await using var context = await ContextAsync(portal.PhysicianId, "Dr Dupont");
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync($"/patients/{portal.UnlinkedPatientId}");
        Assert.Equal(404, response!.Status);
        var main = await page.InnerTextAsync("main");
        Assert.DoesNotContain("Luc", main, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await page.Locator(".timeline li.entry").CountAsync());
        Assert.Equal(1, await page.Locator("#no-access-declare[href='/links/declare']").CountAsync());
        await PortalFixture.ScreenshotAsync(page, "timeline-07-no-link");

        // J7 from the denial: the emergency link takes the patient id the physician typed, to Consent's page.
        await page.ClickAsync("#no-access-emergency");
        await page.WaitForSelectorAsync("#emergency-access");
        Assert.EndsWith($"/patients/{portal.UnlinkedPatientId}/emergency", page.Url, StringComparison.Ordinal);
        Assert.Contains("Accès d'urgence", await page.InnerTextAsync("main h1"), StringComparison.Ordinal);
        await page.SelectOptionAsync("#Category", "unconscious");
        await page.FillAsync("#Justification", "Patient inconscient amené aux urgences, antécédents nécessaires.");
        await PortalFixture.ScreenshotAsync(page, "timeline-08-emergency-form");
        await page.ClickAsync("#emergency-access button[type=submit]");

        await page.WaitForSelectorAsync(".patient-banner");
        Assert.EndsWith($"/patients/{portal.UnlinkedPatientId}", page.Url, StringComparison.Ordinal);
        Assert.Contains("DUPONT Luc", await page.InnerTextAsync(".patient-banner"), StringComparison.Ordinal);
        Assert.Contains("Accès d'urgence jusqu'au", await page.InnerTextAsync("#link-info"), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(page, "timeline-09-emergency-timeline");
    }

    private static async Task OpenAsync(IPage page, string list, string link, string screenshot)
    {
        await page.GotoAsync(list);
        await page.Locator(link).First.ClickAsync();
        await page.WaitForSelectorAsync("article.document .viewer-host");
        Assert.Equal(0, await page.Locator(".viewer-host .cannot-display").CountAsync());
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await PortalFixture.ScreenshotAsync(page, screenshot);
    }

    private Task<IBrowserContext> ContextAsync(Guid user, string name) =>
        BrowserSession.NewContextAsync(portal.Browser, new BrowserNewContextOptions
        {
            BaseURL = portal.BaseUrl,
            Locale = "fr-BE",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthentication.Header] = $"{user};{Roles.Physician};18334780004;{name}" },
        });
}
