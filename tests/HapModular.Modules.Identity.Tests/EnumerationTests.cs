using System.Net;
using System.Text.RegularExpressions;
using HapModular.Testing;

namespace HapModular.Modules.Identity.Tests;

/// <summary>
/// An unknown e-mail and a wrong password for a known one look the same: status, page, and the work done — each
/// runs exactly one password key derivation at the configured cost (an unknown account is checked against a dummy
/// hash). Work, not wall-clock time: a stopwatch flaked under load (no sign-in timing benchmark exists yet).
/// </summary>
public sealed partial class EnumerationTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task Unknown_account_and_wrong_password_are_indistinguishable()
    {
        var (account, _) = await factory.CreateAccountAsync();
        using var client = factory.NewClient();
        using var work = new RequestWork();
        // The dummy hash is made on first use, once per host: not part of an attempt's work.
        (await AttemptAsync(work, client, "warm-up@example.be")).Response.Dispose();

        var (known, knownWork) = await AttemptAsync(work, client, account.Email);
        var (unknown, unknownWork) = await AttemptAsync(work, client, "nobody@example.be");

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(Normalize(await known.Content.ReadAsStringAsync(), account.Email), Normalize(await unknown.Content.ReadAsStringAsync(), "nobody@example.be"));
        // The configured cost (Identity:PasswordIterations of IdentityFactory), once on each path.
        Assert.Equal(["HapModular.Identity.Passwords/pbkdf2 rounds=20000"], Derivations(knownWork));
        Assert.Equal(Derivations(knownWork), Derivations(unknownWork));
        known.Dispose();
        unknown.Dispose();
    }

    private static async Task<(HttpResponseMessage Response, IReadOnlyList<string> Work)> AttemptAsync(RequestWork work, HttpClient client, string email)
    {
        var html = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/sign-in", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email,
                ["Password"] = "Wrong-Password-123456",
                ["__RequestVerificationToken"] = Forms.TokenOf(html),
            }),
        };
        return await work.SendAsync(client, request);
    }

    private static List<string> Derivations(IReadOnlyList<string> work) =>
        [.. work.Where(w => w.StartsWith("HapModular.Identity.Passwords/", StringComparison.Ordinal))];

    private static string Normalize(string html, string email) =>
        TokenValue().Replace(html, "TOKEN").Replace(email, "EMAIL", StringComparison.Ordinal);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex TokenValue();
}
