namespace HapModular.EndToEnd;

[Collection(PortalCollection.Name)]
public sealed class SignInJourneyTests(PortalFixture portal)
{
    [Fact]
    public async Task A_demo_physician_signs_in_with_password_and_code_then_signs_out()
    {
        await SignIn.SeedDemoAsync(portal, maxOrder: 100);
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/sign-in");
        await PortalFixture.ScreenshotAsync(page, "signin-01-password");
        await SignIn.SignInAsync(page, SignIn.Dupont);
        var signOut = await page.InnerTextAsync("form[action='/account/sign-out'] button");
        Assert.Contains("Dr Jean Dupont", signOut, StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(page, "signin-02-signed-in");

        await SignIn.SignOutAsync(page);
        Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("form[action='/account/sign-out']").CountAsync());
        await PortalFixture.ScreenshotAsync(page, "signin-03-signed-out");
    }
}
