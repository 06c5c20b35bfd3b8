using System.Globalization;

namespace HapModular.EndToEnd;

/// <summary>
/// J2 → J3 → J5 in a real browser with the real two-factor sign-in: the desk records the patient's consent, Dr Dupont
/// declares a link with a scanned consent form from the corpus, the patient appears in "My patients", the desk revokes
/// the link on the patient's request, and the patient disappears from "My patients".
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class LinkJourneyTests(PortalFixture portal)
{
    [Fact]
    public async Task A_link_declared_with_a_scanned_consent_appears_in_my_patients_until_the_desk_revokes_it()
    {
        // Accounts and demo patients only; Luc Dupont (1972-01-09) has no link to Dr Dupont in any demo data.
        await SignIn.SeedDemoAsync(portal, maxOrder: 200);
        await using var deskContext = await portal.NewContextAsync();
        var desk = await deskContext.NewPageAsync();
        await SignIn.SignInAsync(desk, SignIn.Desk);

        await desk.GotoAsync("/desk?q=Dupont");
        await SignIn.SubmitAsync(desk, "#desk-results a:has-text('DUPONT Luc')");
        var patientUrl = desk.Url;
        // A signed-form consent needs its scan (issue 12).
        await desk.SetInputFilesAsync("#consent-scan", Testing.ConsentProofs.PdfPath);
        await desk.FillAsync("#consent-reference", "GUICHET-2026-0042");
        await SignIn.SubmitAsync(desk, "#desk-consent button[type=submit]");
        Assert.Contains("Donné", await desk.InnerTextAsync("#desk-consent"), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(desk, "link-01-desk-consent");

        await using var physicianContext = await portal.NewContextAsync();
        var physician = await physicianContext.NewPageAsync();
        await SignIn.SignInAsync(physician, SignIn.Dupont);
        await physician.GotoAsync("/links/declare");
        await physician.FillAsync("#Niss", Formatted(NissOf(new DateOnly(1972, 1, 9), 51)));
        await physician.FillAsync("#LastName", "DUPONT");
        await physician.FillAsync("#BirthDate", "1972-01-09");
        await physician.SelectOptionAsync("#LinkType", "consultation");
        await physician.SetInputFilesAsync("#ProofFile", Testing.ConsentProofs.PdfPath);
        await PortalFixture.ScreenshotAsync(physician, "link-02-declare");
        await SignIn.SubmitAsync(physician, "#declare-link button[type=submit]");

        Assert.EndsWith("/patients", physician.Url, StringComparison.Ordinal);
        var row = physician.Locator("#my-patients tr:has-text('DUPONT Luc')");
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains("Consultation", await row.InnerTextAsync(), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(physician, "link-03-my-patients");

        await desk.GotoAsync(patientUrl);
        var link = desk.Locator("#desk-links tr:has-text('Jean Dupont')");
        await link.Locator("input[name=reference]").FillAsync("GUICHET-2026-0043");
        await link.Locator("input[name=reason]").FillAsync("Demande du patient");
        await SignIn.SubmitAsync(desk, "#desk-links tr:has-text('Jean Dupont') button[type=submit]");
        Assert.Contains("Révoqué", await desk.InnerTextAsync("#desk-links"), StringComparison.Ordinal);
        Assert.Contains("GUICHET-2026-0043", await desk.InnerTextAsync("#desk-history"), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(desk, "link-04-desk-revoked");

        await physician.GotoAsync("/patients");
        Assert.Equal(0, await physician.Locator("#my-patients tr:has-text('DUPONT Luc')").CountAsync());
        await PortalFixture.ScreenshotAsync(physician, "link-05-my-patients-after");

        // J6: the letters (consent recorded, link created) reach today's print batch, which an admin downloads.
        await using var adminContext = await portal.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await SignIn.SignInAsync(admin, SignIn.Admin);
        var until = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await admin.GotoAsync("/admin/letters");
        }
        while (await admin.Locator("#print-batches a").CountAsync() == 0 && DateTime.UtcNow < until && await Delay());
        await PortalFixture.ScreenshotAsync(admin, "link-06-print-batches");
        var download = await admin.RunAndWaitForDownloadAsync(() => admin.Locator("#print-batches a").First.ClickAsync());
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(1000);
        return true;
    }

    private static string NissOf(DateOnly birth, int sequence)
    {
        var body = birth.ToString("yyMMdd", CultureInfo.InvariantCulture) + sequence.ToString("000", CultureInfo.InvariantCulture);
        return body + (97 - (long.Parse(body, CultureInfo.InvariantCulture) % 97)).ToString("00", CultureInfo.InvariantCulture);
    }

    private static string Formatted(string niss) => $"{niss[..2]}.{niss[2..4]}.{niss[4..6]}-{niss[6..9]}.{niss[9..]}";
}
