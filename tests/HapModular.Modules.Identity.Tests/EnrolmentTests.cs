using System.Net;
using System.Text.RegularExpressions;
using HapModular.Modules.Identity.Accounts;
using HapModular.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace HapModular.Modules.Identity.Tests;

public sealed partial class EnrolmentTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private const string NewPassword = "Mons-Borinage-Clinique-7000";

    [Fact]
    public async Task Approval_mails_a_one_time_link_that_enrols_password_and_authenticator_and_signs_in()
    {
        var email = await RequestAndApproveAsync("18334780004");
        var link = await Outbox.LinkForAsync(factory, email, "/account/enrol");

        using var physician = factory.NewClient();
        using var done = await EnrolAsync(physician, link);
        var html = await done.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(10, RecoveryCodePattern().Matches(html).Count);
        Assert.Contains("Dr Louis Pasteur", await physician.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
        var account = Assert.Single(await AccountsAsync(email));
        Assert.Equal(AccountStatus.Active, account.Status);
        Assert.DoesNotContain(RecoveryCodePattern().Match(html).Value, account.RecoveryCodeHashes);
    }

    /// <summary>Issue 12: reloading the activation page must not change the key an authenticator already scanned.</summary>
    [Fact]
    public async Task Reloading_the_activation_page_keeps_the_key_already_scanned_until_enrolment_completes()
    {
        var email = await RequestAndApproveAsync("10000205004");
        var link = await Outbox.LinkForAsync(factory, email, "/account/enrol");
        using var physician = factory.NewClient();

        var scanned = SecretPattern().Match(await physician.GetStringAsync(new Uri(link, UriKind.Relative))).Groups[1].Value;
        var reloaded = SecretPattern().Match(await physician.GetStringAsync(new Uri(link, UriKind.Relative))).Groups[1].Value;
        Assert.NotEmpty(scanned);
        Assert.Equal(scanned, reloaded);

        // The code from the phone that scanned the first page enrols from the reloaded one.
        using var done = await EnrolAsync(physician, link, scanned);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(10, RecoveryCodePattern().Matches(await done.Content.ReadAsStringAsync()).Count);
    }

    [Fact]
    public async Task A_used_enrolment_link_is_refused()
    {
        var email = await RequestAndApproveAsync("10000106003");
        var link = await Outbox.LinkForAsync(factory, email, "/account/enrol");
        using (var first = factory.NewClient())
        {
            (await EnrolAsync(first, link)).Dispose();
        }

        using var second = factory.NewClient();
        using var again = await second.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("Ce lien n'est plus valable", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_enrolment_link_is_refused()
    {
        var email = await RequestAndApproveAsync("12345625004");
        var link = await Outbox.LinkForAsync(factory, email, "/account/enrol");
        using var client = factory.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(link, UriKind.Relative))).StatusCode);

        // Time only moves forward: later tests of this class simply run three days later.
        factory.Time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        using var late = await client.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
    }

    [Fact]
    public async Task A_rejection_is_mailed_with_its_reason()
    {
        var email = $"r{Guid.NewGuid():N}@example.be";
        using (var anonymous = factory.NewClient())
        {
            (await Forms.PostAsync(anonymous, "/access-request", AccessRequestTests.Fields("15432106000", email))).Dispose();
        }

        var id = Assert.Single(await AccountsAsync(email)).Id;
        using var admin = await factory.SignedInAdminAsync();
        using var refused = await Forms.PostAsync(admin, "/admin/requests", new Dictionary<string, string> { ["id"] = id.ToString(), ["reason"] = "INAMI inconnu du registre" }, "/admin/requests?handler=Reject");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(AccountStatus.Rejected, Assert.Single(await AccountsAsync(email)).Status);
        Assert.Contains("INAMI inconnu du registre", Assert.Single(await Outbox.ForAsync(factory, email)).Body, StringComparison.Ordinal);
    }

    private async Task<string> RequestAndApproveAsync(string inami)
    {
        var email = $"p{Guid.NewGuid():N}@example.be";
        using (var anonymous = factory.NewClient())
        {
            (await Forms.PostAsync(anonymous, "/access-request", AccessRequestTests.Fields(inami, email))).Dispose();
        }

        var id = Assert.Single(await AccountsAsync(email)).Id;
        using var admin = await factory.SignedInAdminAsync();
        var queue = await admin.GetStringAsync(new Uri("/admin/requests", UriKind.Relative));
        Assert.Contains(email, queue, StringComparison.Ordinal);
        using var approved = await Forms.PostAsync(admin, "/admin/requests", new Dictionary<string, string> { ["id"] = id.ToString() }, "/admin/requests?handler=Approve");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        return email;
    }

    private async Task<HttpResponseMessage> EnrolAsync(HttpClient client, string link, string? phoneSecret = null)
    {
        var page = await client.GetStringAsync(new Uri(link, UriKind.Relative));
        var secret = phoneSecret ?? SecretPattern().Match(page).Groups[1].Value;
        var code = new OtpNet.Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(factory.Time.GetUtcNow().UtcDateTime);
        return await Forms.PostAsync(client, link, new Dictionary<string, string>
        {
            ["Token"] = WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value),
            ["ProtectedSecret"] = WebUtility.HtmlDecode(ProtectedPattern().Match(page).Groups[1].Value),
            ["Password"] = NewPassword,
            ["ConfirmPassword"] = NewPassword,
            ["Code"] = code,
        });
    }

    private async Task<IReadOnlyList<Account>> AccountsAsync(string email)
    {
        // The request is recorded by a background job.
        await factory.WaitUntilDoneAsync();
        using var scope = factory.Services.CreateScope();
        await using var session = scope.ServiceProvider.GetRequiredService<IIdentityStore>().QuerySession();
        return await session.Query<Account>().Where(a => a.Email == email).ToListAsync();
    }

    [GeneratedRegex("data-secret=\"([A-Z2-7]+)\"")]
    private static partial Regex SecretPattern();

    [GeneratedRegex("id=\"Token\" name=\"Token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("id=\"ProtectedSecret\" name=\"ProtectedSecret\" value=\"([^\"]+)\"")]
    private static partial Regex ProtectedPattern();

    [GeneratedRegex("<code>([A-Z2-9]{5}-[A-Z2-9]{5})</code>")]
    private static partial Regex RecoveryCodePattern();
}
