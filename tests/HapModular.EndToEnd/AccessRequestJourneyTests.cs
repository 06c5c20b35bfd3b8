using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using OtpNet;

namespace HapModular.EndToEnd;

/// <summary>J1: request → admin approves → e-mail → enrolment link → password + TOTP → signed in → sign out.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class AccessRequestJourneyTests(PortalFixture portal)
{
    [Fact]
    public async Task A_physician_requests_access_is_approved_enrols_and_signs_in()
    {
        await SignIn.SeedDemoAsync(portal, maxOrder: 100);
        var email = $"dr.test.{Guid.NewGuid():N}"[..20] + "@example.be";
        var inami = NewInami();

        await using var physicianContext = await portal.NewContextAsync();
        var physician = await physicianContext.NewPageAsync();
        await physician.GotoAsync("/access-request");
        await physician.FillAsync("#Form_FirstName", "Émile");
        await physician.FillAsync("#Form_LastName", "Verhaeren");
        await physician.FillAsync("#Form_Inami", "18334781004");
        await physician.FillAsync("#Form_Email", email);
        await physician.FillAsync("#Form_Phone", "+32 65 00 00 00");
        await physician.FillAsync("#Form_PracticeAddress", "Grand-Place 1, 7000 Mons");
        await physician.SelectOptionAsync("#Form_Specialty", "cardiology");
        await physician.CheckAsync("#Form_AcceptTerms");
        await SignIn.SubmitAsync(physician, "#access-request button[type=submit]");
        Assert.Contains("chiffres de contrôle", await physician.InnerTextAsync("[data-valmsg-for='Form.Inami']"), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(physician, "j1-01-request-invalid-inami");

        await physician.FillAsync("#Form_Inami", inami);
        await physician.CheckAsync("#Form_AcceptTerms");
        await SignIn.SubmitAsync(physician, "#access-request button[type=submit]");
        await Expect(physician.Locator("#request-sent"));
        await PortalFixture.ScreenshotAsync(physician, "j1-02-request-sent");
        // The request is recorded by a background job (the page answers the same whoever holds the INAMI number).
        await RequestRecordedAsync();

        await using var adminContext = await portal.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await SignIn.SignInAsync(admin, SignIn.Admin);
        await admin.GotoAsync("/admin/requests");
        var request = admin.Locator($"section.request[data-email='{email}']");
        Assert.Contains("Verhaeren", await request.InnerTextAsync(), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(admin, "j1-03-admin-queue");
        await SignIn.SubmitAsync(admin, $"section.request[data-email='{email}'] button.approve");
        await PortalFixture.ScreenshotAsync(admin, "j1-04-admin-approved");

        var link = await EnrolmentLinkAsync(email);
        await physician.GotoAsync(link);
        await PortalFixture.ScreenshotAsync(physician, "j1-05-enrolment");
        var secret = await physician.GetAttributeAsync("#manual-key", "data-secret") ?? throw new InvalidOperationException("No TOTP key on the page");
        await physician.FillAsync("#Password", "Borinage-Beffroi-Doudou-2026");
        await physician.FillAsync("#ConfirmPassword", "Borinage-Beffroi-Doudou-2026");
        await physician.FillAsync("#Code", new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow));
        await SignIn.SubmitAsync(physician, "#enrol button[type=submit]");
        Assert.Equal(10, await physician.Locator("#recovery-codes li").CountAsync());
        await PortalFixture.ScreenshotAsync(physician, "j1-06-enrolled-recovery-codes");

        await SignIn.SubmitAsync(physician, "#continue");
        Assert.Contains("Dr Émile Verhaeren", await physician.InnerTextAsync("form[action='/account/sign-out'] button"), StringComparison.Ordinal);
        await PortalFixture.ScreenshotAsync(physician, "j1-07-signed-in");

        await SignIn.SignOutAsync(physician);
        Assert.Equal(0, await physician.Locator("form[action='/account/sign-out']").CountAsync());
        await PortalFixture.ScreenshotAsync(physician, "j1-08-signed-out");

        // The new account signs in again with its password and a later code (the one enrolment used is spent: SignIn
        // offers the next window's code, which the portal's one-step clock skew accepts, instead of waiting for it).
        await SignIn.SignInAsync(physician, email, "Borinage-Beffroi-Doudou-2026", secret);
        Assert.Contains("Verhaeren", await physician.InnerTextAsync("form[action='/account/sign-out'] button"), StringComparison.Ordinal);
    }

    /// <summary>Waits until the access-request job has run: no pending request left (Identity's table for them).</summary>
    private async Task RequestRecordedAsync()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var connection = new Npgsql.NpgsqlConnection(portal.ConnectionString);
        await connection.OpenAsync(cancel.Token);
        await using var pending = new Npgsql.NpgsqlCommand("SELECT count(*) FROM identity.mt_doc_pendingaccessrequest", connection);
        while ((long)(await pending.ExecuteScalarAsync(cancel.Token))! > 0)
        {
            await Task.Delay(25, cancel.Token);
        }
    }

    /// <summary>The e-mail the Notifications job wrote to the pickup folder (Development/Testing).</summary>
    private async Task<string> EnrolmentLinkAsync(string email)
    {
        var folder = Path.Combine(portal.DataDirectory, "mail");
        for (var i = 0; i < 120; i++)
        {
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [])
            {
                using var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => m.Address == email) && LinkPattern().Match(message.TextBody ?? string.Empty) is { Success: true } link)
                {
                    return new Uri(link.Value).PathAndQuery;
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("No enrolment e-mail for " + email);
    }

    /// <summary>A valid, unused physician number (modulo 97 check digits), so runs never collide.</summary>
    private static string NewInami()
    {
        var first6 = 100000 + Random.Shared.Next(0, 99999);
        return string.Create(CultureInfo.InvariantCulture, $"{first6}{97 - (first6 % 97):00}000");
    }

    private static Task Expect(ILocator locator) => locator.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });

    [GeneratedRegex(@"https?://\S+/account/enrol\?token=\S+")]
    private static partial Regex LinkPattern();
}
