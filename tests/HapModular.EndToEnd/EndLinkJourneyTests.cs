using System.Globalization;

namespace HapModular.EndToEnd;

/// <summary>
/// Issue 12 in a real browser: after sign-in Dr Lambert lands on "My patients"; he declares a link, then ends it — the
/// button leads to a confirmation page that names the patient and asks why, and only its confirmation ends the link,
/// which then shows apart, with his own reason, and no longer opens the record.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class EndLinkJourneyTests(PortalFixture portal)
{
    [Fact]
    public async Task A_physician_ends_a_link_only_after_confirming_it_with_a_reason()
    {
        // Accounts and demo patients only; Dr Lambert has no link in any demo data, Pieter Janssens (1965-05-21) is not
        // used by the other journeys.
        await SignIn.SeedDemoAsync(portal, maxOrder: 200);
        await using var deskContext = await portal.NewContextAsync();
        var desk = await deskContext.NewPageAsync();
        await SignIn.SignInAsync(desk, SignIn.Desk);
        Assert.EndsWith("/desk", desk.Url, StringComparison.Ordinal);
        await desk.GotoAsync("/desk?q=Janssens");
        await SignIn.SubmitAsync(desk, "#desk-results a:has-text('JANSSENS Pieter')");
        await desk.SelectOptionAsync("#consent-method", "oral");
        await desk.FillAsync("#consent-reference", "GUICHET-2026-0077");
        await SignIn.SubmitAsync(desk, "#desk-consent button[type=submit]");

        await using var physicianContext = await portal.NewContextAsync();
        var physician = await physicianContext.NewPageAsync();
        await SignIn.SignInAsync(physician, SignIn.Lambert);
        Assert.EndsWith("/patients", physician.Url, StringComparison.Ordinal);
        await physician.GotoAsync("/links/declare");
        await physician.FillAsync("#Niss", NissOf(new DateOnly(1965, 5, 21), 73));
        await physician.FillAsync("#LastName", "Janssens");
        await physician.FillAsync("#BirthDate", "1965-05-21");
        await physician.SelectOptionAsync("#LinkType", "referral");
        await physician.SetInputFilesAsync("#ProofFile", Testing.ConsentProofs.PdfPath);
        await SignIn.SubmitAsync(physician, "#declare-link button[type=submit]");
        Assert.EndsWith("/patients", physician.Url, StringComparison.Ordinal);
        var row = physician.Locator("tr:has-text('JANSSENS Pieter')");
        Assert.Equal(1, await row.CountAsync());
        // The row's button on the row's line: it sat a line below the patient's name (a form button's top margin).
        var name = await row.Locator("a", new() { HasTextString = "JANSSENS" }).BoundingBoxAsync();
        var end = await row.Locator("a.end-link").BoundingBoxAsync();
        Assert.True(Math.Abs((name!.Y + (name.Height / 2)) - (end!.Y + (end.Height / 2))) <= 4, $"name centre {name.Y + (name.Height / 2)}, button centre {end.Y + (end.Height / 2)}");

        await SignIn.SubmitAsync(physician, "tr:has-text('JANSSENS Pieter') a.end-link");
        Assert.Contains("/end", physician.Url, StringComparison.Ordinal);
        Assert.Contains("JANSSENS Pieter", await physician.InnerTextAsync("#end-link-warning"), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(physician, "end-link-01-confirm");

        // Without a reason the browser does not send the form: the link is still active.
        await physician.ClickAsync("#end-link-confirm");
        Assert.Contains("/end", physician.Url, StringComparison.Ordinal);

        await physician.CheckAsync("input[name=Reason][value=care-ended]");
        await physician.FillAsync("#Note", "Suivi terminé après la consultation");
        await SignIn.SubmitAsync(physician, "#end-link-confirm");
        Assert.EndsWith("/patients", physician.Url, StringComparison.Ordinal);
        var ended = await physician.InnerTextAsync("#links-ended tr:has-text('JANSSENS Pieter')");
        Assert.Contains("Vous avez mis fin à ce lien", ended, StringComparison.Ordinal);
        Assert.Contains("Fin du suivi de ce patient", ended, StringComparison.Ordinal);
        Assert.Equal(0, await physician.Locator("#links-ended tr:has-text('JANSSENS Pieter') a[href^='/patients/']").CountAsync());
        await PortalFixture.ScreenshotAsync(physician, "end-link-02-ended");

        await desk.ReloadAsync();
        Assert.Contains("Suivi terminé après la consultation", await desk.InnerTextAsync("#desk-history"), StringComparison.Ordinal);
    }

    private static string NissOf(DateOnly birth, int sequence)
    {
        var body = birth.ToString("yyMMdd", CultureInfo.InvariantCulture) + sequence.ToString("000", CultureInfo.InvariantCulture);
        return body + (97 - (long.Parse(body, CultureInfo.InvariantCulture) % 97)).ToString("00", CultureInfo.InvariantCulture);
    }
}
