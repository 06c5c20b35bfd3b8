using System.Net;
using HapModular.SharedKernel;

namespace HapModular.Modules.Identity.Tests;

public sealed class AdminOnlyTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Theory]
    [InlineData("/admin/requests")]
    [InlineData("/admin/users")]
    public async Task Admin_pages_send_visitors_to_sign_in_and_refuse_physicians(string path)
    {
        using var anonymous = factory.NewClient();
        using var visitor = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, visitor.StatusCode);
        Assert.StartsWith("/account/sign-in", visitor.Headers.Location?.OriginalString.Replace("http://localhost", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        using var physician = await SignedInAsync(Roles.Physician);
        Assert.Equal(HttpStatusCode.Forbidden, (await physician.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);

        using var admin = await factory.SignedInAdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_jobs_dashboard_is_for_admins_only()
    {
        using var anonymous = factory.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/jobs", UriKind.Relative))).StatusCode);
        using var physician = await SignedInAsync(Roles.Physician);
        Assert.Equal(HttpStatusCode.Forbidden, (await physician.GetAsync(new Uri("/jobs", UriKind.Relative))).StatusCode);
        using var admin = await factory.SignedInAdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/jobs", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_admin_changes_roles_and_the_change_is_audited()
    {
        var (account, _) = await factory.CreateAccountAsync(Roles.PatientDesk, inami: null);
        using var admin = await factory.SignedInAdminAsync();
        var form = new List<KeyValuePair<string, string>> { new("id", account.Id.ToString()), new("roles", Roles.PatientDesk), new("roles", Roles.Dpo) };

        var html = await admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative));
        form.Add(new("__RequestVerificationToken", Forms.TokenOf(html)));
        using var content = new FormUrlEncodedContent(form);
        using var saved = await admin.PostAsync(new Uri("/admin/users?handler=Roles", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal([Roles.PatientDesk, Roles.Dpo], (await factory.LoadAsync(account.Id)).Roles);
        Assert.Contains(await AuditTrail.ForAsync(factory, account.Id), r => r.Action == "role-change" && r.Reason!.Contains("PatientDesk,Dpo", StringComparison.Ordinal));
    }

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var (account, secret) = await factory.CreateAccountAsync(role);
        var client = factory.NewClient();
        (await Forms.SignInAsync(client, account.Email, IdentityFactory.Password, factory.CodeNow(secret))).Dispose();
        return client;
    }
}
