using System.Collections.Concurrent;
using Autofac;
using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using HapModular.Testing;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HapModular.EndToEnd;

/// <summary>
/// J3: a linked physician opens a demo patient's timeline, filters to imaging, opens a CT, a PDF report, an ECG and
/// a photo in their viewers; a physician without a link sees nothing of that patient.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TimelineJourneyTests(TimelineJourneyTests.Portal portal) : IClassFixture<TimelineJourneyTests.Portal>
{
    private static readonly Guid Linked = Guid.NewGuid();
    private static readonly Guid Stranger = Guid.NewGuid();

    /// <summary>
    /// The portal with the demo records, header sign-in and a scripted CheckAccess (Linked has a consultation link
    /// to every demo patient; anyone else none) until Consent's real decision is on main.
    /// </summary>
    public sealed class Portal : PortalFixture
    {
        private readonly ConcurrentDictionary<Guid, bool> linked = new() { [Linked] = true };

        public Guid PatientId { get; private set; }

        protected override bool UseTestAuthentication => true;

        protected override bool RunJobs => false;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var scope = Services.CreateAsyncScope();
            foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().Where(s => s.Order is 200 or 250).OrderBy(s => s.Order))
            {
                await seeder.SeedAsync(scope.ServiceProvider, default);
            }

            var found = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SearchPatients("Dubois Marie"));
            PatientId = found.Single().PatientId;
        }

        protected override void ConfigureTestContainer(ContainerBuilder builder) =>
            builder.RegisterInstance(new ScriptedAccess(linked)).As<IRequestHandler<CheckAccess, AccessDecision>>();

        private sealed class ScriptedAccess(ConcurrentDictionary<Guid, bool> linked) : IRequestHandler<CheckAccess, AccessDecision>
        {
            public Task<AccessDecision> Handle(CheckAccess request, CancellationToken cancellationToken) => Task.FromResult(
                linked.ContainsKey(request.UserId)
                    ? new AccessDecision(true, "link", "TREAT", Guid.NewGuid(), "consultation", DateTimeOffset.UtcNow.AddMonths(15), false)
                    : new AccessDecision(false, "no-link", null, null, null, null, true));
        }
    }

    [Fact]
    public async Task A_linked_physician_browses_the_timeline_and_opens_each_kind_in_its_viewer()
    {
        await using var context = await ContextAsync(Linked, "Dr Anne Lenoir");
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync($"/patients/{portal.PatientId}");
        Assert.Equal(200, response!.Status);
        Assert.Contains("DUBOIS Marie", await page.InnerTextAsync(".patient-header"), StringComparison.Ordinal);
        Assert.Contains("consultation", await page.InnerTextAsync(".patient-header"), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(page, "timeline-01-patient");

        await page.ClickAsync(".kind-counts a[data-kind=imaging]");
        Assert.All(await page.Locator(".timeline li.entry").AllAsync(), e => Assert.Equal("imaging", e.GetAttributeAsync("data-kind").Result));
        await PortalFixture.ScreenshotAsync(page, "timeline-02-imaging");

        await OpenAsync(page, $"/patients/{portal.PatientId}?kind=imaging", ".series-link[data-modality=CT]", "timeline-03-ct");
        await OpenAsync(page, $"/patients/{portal.PatientId}?kind=report", "li.entry[data-media-type='application/pdf'] a", "timeline-04-pdf");
        await OpenAsync(page, $"/patients/{portal.PatientId}?kind=device-report&q=ecg", "li.entry a", "timeline-05-ecg");
        await OpenAsync(page, $"/patients/{portal.PatientId}?kind=photo", "li.entry[data-media-type='image/jpeg'] a", "timeline-06-photo");
    }

    [Fact]
    public async Task A_physician_without_a_link_sees_nothing_of_the_patient()
    {
        await using var context = await ContextAsync(Stranger, "Dr Paul Sans-Lien");
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync($"/patients/{portal.PatientId}");
        Assert.Equal(404, response!.Status);
        var main = await page.InnerTextAsync("main");
        Assert.DoesNotContain("Dubois", main, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await page.Locator(".timeline li.entry").CountAsync());
        await PortalFixture.ScreenshotAsync(page, "timeline-07-no-link");
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
        portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseUrl,
            Locale = "fr-BE",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthentication.Header] = $"{user};{Roles.Physician};18334780004;{name}" },
        });
}
