using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Npgsql;

namespace HapModular.Modules.Identity.Tests;

/// <summary>
/// Personal access tokens: made by the physician on /account/tokens (shown once, stored as a hash), accepted only by
/// the read-only interfaces that opt in (DICOMweb here) and only for reads, refused once revoked, expired, or when the
/// account no longer may sign in.
/// </summary>
public sealed partial class AccessTokenTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task A_physician_creates_a_token_that_is_shown_once_and_stored_only_as_a_hash()
    {
        var (account, secret) = await factory.CreateAccountAsync();
        using var browser = await SignedInAsync(account.Email, secret);
        var token = await CreateTokenAsync(browser, "Weasis du cabinet");

        Assert.StartsWith("hap_pat_", token, StringComparison.Ordinal);
        var list = await browser.GetStringAsync(new Uri("/account/tokens", UriKind.Relative));
        Assert.Contains("Weasis du cabinet", list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
        Assert.False(await DatabaseContainsAsync(token), "the secret is stored in clear");
        Assert.True(await DatabaseContainsAsync(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)))));
        Assert.Contains(await AuditTrail.ForAsync(factory, account.Id), r => r.Action == "access-token-created");
    }

    [Fact]
    public async Task A_token_reads_DICOMweb_as_its_physician_and_nothing_else()
    {
        var (account, secret) = await factory.CreateAccountAsync();
        using var browser = await SignedInAsync(account.Email, secret);
        var token = await CreateTokenAsync(browser, "viewer");
        using var client = Bearer(token);

        using var studies = await client.GetAsync(new Uri("/dicomweb/studies", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, studies.StatusCode);
        Assert.Equal("application/dicom+json", studies.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[]", await studies.Content.ReadAsStringAsync());

        // Not on the portal's pages, and not for writes, even on DICOMweb.
        using var page = await client.GetAsync(new Uri("/account/tokens", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        using var post = await client.PostAsync(new Uri("/dicomweb/studies", UriKind.Relative), new ByteArrayContent([]));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.NotEqual(HttpStatusCode.NoContent, post.StatusCode);

        using var anonymous = factory.NewClient();
        using var refused = await anonymous.GetAsync(new Uri("/dicomweb/studies", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Bearer", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        using var wrong = await Bearer("hap_pat_" + new string('A', 43)).GetAsync(new Uri("/dicomweb/studies", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task A_revoked_or_expired_token_and_a_deactivated_account_are_refused_at_once()
    {
        var (account, secret) = await factory.CreateAccountAsync();
        using var browser = await SignedInAsync(account.Email, secret);
        var revoked = await CreateTokenAsync(browser, "old viewer");
        var expiring = await CreateTokenAsync(browser, "tablet", days: 30);
        var kept = await CreateTokenAsync(browser, "office", days: 365);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(revoked));

        var html = await browser.GetStringAsync(new Uri("/account/tokens", UriKind.Relative));
        var id = RowPattern().Matches(html).Select(m => m.Groups[1].Value).First(row => html.Contains($"data-token=\"{row}\"", StringComparison.Ordinal) && NameOfRow(html, row) == "old viewer");
        using (await Forms.PostAsync(browser, "/account/tokens", new Dictionary<string, string> { ["id"] = id }, "/account/tokens?handler=Revoke"))
        {
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(revoked));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(expiring));
        factory.Time.Advance(TimeSpan.FromDays(31));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(expiring));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(kept));

        using var admin = await factory.SignedInAdminAsync();
        (await Forms.PostAsync(admin, "/admin/users", new Dictionary<string, string> { ["id"] = account.Id.ToString() }, "/admin/users?handler=Deactivate")).Dispose();
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(kept));
    }

    private async Task<HttpStatusCode> StatusAsync(string token)
    {
        using var client = Bearer(token);
        using var response = await client.GetAsync(new Uri("/dicomweb/studies", UriKind.Relative));
        return response.StatusCode;
    }

    private static string NameOfRow(string html, string id)
    {
        var start = html.IndexOf($"data-token=\"{id}\"", StringComparison.Ordinal);
        var td = html.IndexOf("<td>", start, StringComparison.Ordinal) + 4;
        return html[td..html.IndexOf(" <code>", td, StringComparison.Ordinal)].Trim();
    }

    private HttpClient Bearer(string token)
    {
        var client = factory.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<HttpClient> SignedInAsync(string email, string secret)
    {
        var client = factory.NewClient();
        using var response = await Forms.SignInAsync(client, email, IdentityFactory.Password, factory.CodeNow(secret));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<string> CreateTokenAsync(HttpClient browser, string name, int days = 90)
    {
        using var created = await Forms.PostAsync(browser, "/account/tokens", new Dictionary<string, string> { ["name"] = name, ["days"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/account/tokens?handler=Create");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        var match = SecretPattern().Match(await created.Content.ReadAsStringAsync());
        Assert.True(match.Success, "the new token is shown");
        return match.Groups[1].Value;
    }

    private async Task<bool> DatabaseContainsAsync(string text)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM identity.mt_doc_personalaccesstoken WHERE data::text LIKE '%' || $1 || '%'", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = text });
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    [GeneratedRegex("id=\"new-token-value\" readonly value=\"([^\"]+)\"")]
    private static partial Regex SecretPattern();

    [GeneratedRegex("data-token=\"([0-9a-f-]{36})\"")]
    private static partial Regex RowPattern();
}
