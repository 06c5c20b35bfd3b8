using HapModular.SharedKernel;
using HapModular.Testing;
using Microsoft.Playwright;
using Npgsql;

namespace HapModular.EndToEnd;

/// <summary>
/// J5 / R6 in the browser: the desk masks a photo at Marie Dubois's request and Dr Dupont loses it; Dr Dupont masks a
/// report he wrote from its page, keeps it, and unmasks it.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class MaskingJourneyTests(MaskingJourneyTests.Portal portal) : IClassFixture<MaskingJourneyTests.Portal>
{
    /// <summary>The whole demo (Consent's real CheckAccess decides) with header sign-in.</summary>
    public sealed class Portal : PortalFixture
    {
        public Guid PhysicianId { get; private set; }

        public Guid PatientId { get; private set; }

        protected override bool UseTestAuthentication => true;

        protected override bool RunJobs => false;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            (PhysicianId, PatientId, _) = await DemoRecord.SeedAsync(Services);
        }

        /// <summary>A visible document of the patient (the test picks it; the browser does the rest).</summary>
        public async Task<Guid> DocumentAsync(string condition)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT id FROM records.documents WHERE patient_id = @p AND masked_by IS NULL AND embargo_until IS NULL AND {condition} ORDER BY id LIMIT 1", connection);
            command.Parameters.AddWithValue("p", PatientId);
            return (Guid)(await command.ExecuteScalarAsync())!;
        }
    }

    [Fact]
    public async Task The_desk_masks_a_photo_at_the_patients_request_and_the_physician_loses_it_until_unmasked()
    {
        var photo = await portal.DocumentAsync("media_type = 'image/jpeg'");
        var documentUrl = $"/patients/{portal.PatientId}/documents/{photo}";
        await using var doctor = await ContextAsync($"{portal.PhysicianId};{Roles.Physician};18334780004;Dr Dupont");
        var physician = await doctor.NewPageAsync();
        Assert.Equal(200, (await physician.GotoAsync(documentUrl))!.Status);

        await using var deskContext = await ContextAsync($"{Guid.NewGuid()};{Roles.PatientDesk};;Guichet Anne");
        var desk = await deskContext.NewPageAsync();
        await desk.GotoAsync($"/desk?patient={portal.PatientId}");
        await desk.ClickAsync($"#desk-patient-pages a[href='/desk/patients/{portal.PatientId}/documents']");
        var row = desk.Locator($"tr[data-document='{photo}']");
        Assert.Contains("Visible", await row.InnerTextAsync(), StringComparison.Ordinal);
        await row.Locator("input[name=reference]").FillAsync("REQ-2026-117");
        await row.Locator("button").ClickAsync();
        await Assertions.Expect(desk.Locator($"tr[data-document='{photo}'] .mask-status")).ToHaveTextAsync("Masqué à la demande du patient");
        Assert.Contains("REQ-2026-117", await desk.InnerTextAsync("#desk-mask-history"), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(desk, "masking-01-desk-masked");

        Assert.Equal(404, (await physician.GotoAsync(documentUrl))!.Status);
        Assert.Contains("Dossier non accessible", await physician.InnerTextAsync("main"), StringComparison.Ordinal);
        await physician.GotoAsync($"/patients/{portal.PatientId}?kind=photo");
        Assert.Equal(0, await physician.Locator($"a[href*='{photo}']").CountAsync());
        await PortalFixture.ScreenshotAsync(physician, "masking-02-physician-photo-gone");

        var again = desk.Locator($"tr[data-document='{photo}']");
        await again.Locator("input[name=reference]").FillAsync("REQ-2026-118");
        await again.Locator("button").ClickAsync();
        await Assertions.Expect(desk.Locator($"tr[data-document='{photo}'] .mask-status")).ToHaveTextAsync("Visible");
        Assert.Equal(200, (await physician.GotoAsync(documentUrl))!.Status);
    }

    [Fact]
    public async Task The_author_masks_his_report_from_its_page_keeps_it_and_unmasks_it()
    {
        var report = await portal.DocumentAsync("author_inami = '18334780004' AND media_type = 'application/pdf'");
        await using var context = await ContextAsync($"{portal.PhysicianId};{Roles.Physician};18334780004;Dr Dupont");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/patients/{portal.PatientId}/documents/{report}");
        await page.ClickAsync("#mask-own button");
        await Assertions.Expect(page.Locator("#mask-own")).ToContainTextAsync("Vous avez masqué ce document");
        await PortalFixture.ScreenshotAsync(page, "masking-03-author-masked");

        await page.GotoAsync($"/patients/{portal.PatientId}?kind=report");
        Assert.True(await page.Locator($"a[href*='{report}']").CountAsync() > 0, "the author still lists the document he masked");
        await page.GotoAsync($"/patients/{portal.PatientId}/documents/{report}");
        await page.ClickAsync("#mask-own button");
        await Assertions.Expect(page.Locator("#mask-own")).ToContainTextAsync("En tant qu'auteur");
    }

    private Task<IBrowserContext> ContextAsync(string header) =>
        BrowserSession.NewContextAsync(portal.Browser, new BrowserNewContextOptions
        {
            BaseURL = portal.BaseUrl,
            Locale = "fr-BE",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthentication.Header] = header },
        });
}
