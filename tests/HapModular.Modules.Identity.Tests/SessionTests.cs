using System.Net;
using System.Text.RegularExpressions;

namespace HapModular.Modules.Identity.Tests;

public sealed partial class SessionTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private const string NewPassword = "Nouveau-Mot-De-Passe-2026";

    [Fact]
    public async Task A_deactivated_physician_loses_the_open_session_and_cannot_sign_in()
    {
        var (account, secret) = await factory.CreateAccountAsync();
        using var physician = factory.NewClient();
        (await Forms.SignInAsync(physician, account.Email, IdentityFactory.Password, factory.CodeNow(secret))).Dispose();
        Assert.True(await SignedInAsync(physician));

        using var admin = await factory.SignedInAdminAsync();
        using var deactivated = await Forms.PostAsync(admin, "/admin/users", new Dictionary<string, string> { ["id"] = account.Id.ToString() }, "/admin/users?handler=Deactivate");
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);

        Assert.False(await SignedInAsync(physician));
        using var again = factory.NewClient();
        using var refused = await Forms.SignInAsync(again, account.Email, IdentityFactory.Password, factory.CodeNow(secret, 1));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(await AuditTrail.ForAsync(factory, account.Id), r => r.Action == "deactivate");
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_the_other_sessions()
    {
        var (account, secret) = await factory.CreateAccountAsync();
        using var office = factory.NewClient();
        using var tablet = factory.NewClient();
        (await Forms.SignInAsync(office, account.Email, IdentityFactory.Password, factory.CodeNow(secret))).Dispose();
        (await Forms.SignInAsync(tablet, account.Email, IdentityFactory.Password, factory.CodeNow(secret, 1))).Dispose();
        Assert.True(await SignedInAsync(tablet));

        (await Forms.PostAsync(office, "/account/sign-out", new Dictionary<string, string>(), "/account/sign-out?handler=Everywhere")).Dispose();

        Assert.False(await SignedInAsync(office));
        Assert.False(await SignedInAsync(tablet));
    }

    [Fact]
    public async Task The_session_ends_after_30_idle_minutes()
    {
        var (account, secret) = await factory.CreateAccountAsync(email: $"idle{Guid.NewGuid():N}@example.be");
        using var client = factory.NewClient();
        (await Forms.SignInAsync(client, account.Email, IdentityFactory.Password, factory.CodeNow(secret))).Dispose();
        Assert.True(await SignedInAsync(client));

        factory.Time.Advance(TimeSpan.FromMinutes(31));

        Assert.False(await SignedInAsync(client));
    }

    [Fact]
    public async Task A_password_reset_link_still_asks_for_the_authenticator_code()
    {
        var (account, secret) = await factory.CreateAccountAsync();
        using var client = factory.NewClient();
        var (link, fields) = await RequestResetAsync(client, account.Email);
        (await Forms.PostAsync(client, "/account/forgot-password", new Dictionary<string, string> { ["Email"] = "unknown@example.be" })).Dispose();
        Assert.Empty(await Outbox.ForAsync(factory, "unknown@example.be"));
        fields["Code"] = "000000";

        using var wrongCode = await Forms.PostAsync(client, link, fields);
        Assert.Contains("Code incorrect", await wrongCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        fields["Code"] = factory.CodeNow(secret);
        using var done = await Forms.PostAsync(client, link, fields);
        Assert.Contains("reset-done", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var reused = await client.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, reused.StatusCode);

        using var fresh = factory.NewClient();
        using var signIn = await Forms.SignInAsync(fresh, account.Email, NewPassword, factory.CodeNow(secret, 1));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task Five_wrong_authenticator_codes_spend_the_reset_link_and_the_password_stays()
    {
        var (account, secret) = await factory.CreateAccountAsync();
        using var client = factory.NewClient();
        var (link, fields) = await RequestResetAsync(client, account.Email);
        var right = factory.CodeNow(secret);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            fields["Code"] = ((int.Parse(right, System.Globalization.CultureInfo.InvariantCulture) + 500_000 + attempt) % 1_000_000).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
            using var wrong = await Forms.PostAsync(client, link, fields);
            Assert.Contains("Code incorrect", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var spent = await client.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, spent.StatusCode);
        using var fresh = factory.NewClient();
        using var signIn = await Forms.SignInAsync(fresh, account.Email, NewPassword, factory.CodeNow(secret, 1));
        Assert.NotEqual(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task At_most_three_reset_mails_an_hour_reach_one_account_and_the_answer_does_not_change()
    {
        var (account, _) = await factory.CreateAccountAsync();
        using var client = factory.NewClient();
        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await Forms.PostAsync(client, "/account/forgot-password", new Dictionary<string, string> { ["Email"] = account.Email });
            answers.Add(Regex.Replace(await response.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\"[^>]*", string.Empty));
        }

        Assert.Equal(3, (await Outbox.ForAsync(factory, account.Email)).Count(m => m.Body.Contains("/account/reset-password", StringComparison.Ordinal)));
        Assert.Single(answers.Distinct());

        factory.Time.Advance(TimeSpan.FromMinutes(61));
        (await Forms.PostAsync(client, "/account/forgot-password", new Dictionary<string, string> { ["Email"] = account.Email })).Dispose();
        Assert.Equal(4, (await Outbox.ForAsync(factory, account.Email)).Count(m => m.Body.Contains("/account/reset-password", StringComparison.Ordinal)));
    }

    /// <summary>Asks for a reset of <paramref name="email"/> and returns the mailed link with the form fields for a new password.</summary>
    private async Task<(string Link, Dictionary<string, string> Fields)> RequestResetAsync(HttpClient client, string email)
    {
        (await Forms.PostAsync(client, "/account/forgot-password", new Dictionary<string, string> { ["Email"] = email })).Dispose();
        var link = await Outbox.LinkForAsync(factory, email, "/account/reset-password");
        return (link, new Dictionary<string, string> { ["Token"] = Token(link), ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });
    }

    private static async Task<bool> SignedInAsync(HttpClient client) =>
        (await client.GetStringAsync(new Uri("/", UriKind.Relative))).Contains("action=\"/account/sign-out\"", StringComparison.Ordinal);

    private static string Token(string link) => Uri.UnescapeDataString(TokenPattern().Match(link).Groups[1].Value);

    [GeneratedRegex("token=([^&]+)")]
    private static partial Regex TokenPattern();
}
