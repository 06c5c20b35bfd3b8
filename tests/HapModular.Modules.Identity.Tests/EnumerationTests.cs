using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace HapModular.Modules.Identity.Tests;

/// <summary>An unknown e-mail and a wrong password for a known one look the same: status, page and time.</summary>
public sealed partial class EnumerationTests(EnumerationTests.Factory factory) : IClassFixture<EnumerationTests.Factory>
{
    /// <summary>The shipped password cost, so the hash dominates the timing as in production.</summary>
    public sealed class Factory : IdentityFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Identity:PasswordIterations", "210000"), new("Identity:AccountLockoutThreshold", "1000")];
    }

    [Fact]
    public async Task Unknown_account_and_wrong_password_are_indistinguishable()
    {
        var (account, _) = await factory.CreateAccountAsync();
        using var client = factory.NewClient();
        // Warm-up: the first request of each path pays for JIT and connection set-up.
        (await AttemptAsync(client, account.Email)).Response.Dispose();
        (await AttemptAsync(client, "nobody@example.be")).Response.Dispose();

        var known = new List<double>();
        var unknown = new List<double>();
        string? knownBody = null;
        string? unknownBody = null;
        for (var i = 0; i < 7; i++)
        {
            var k = await AttemptAsync(client, account.Email);
            var u = await AttemptAsync(client, $"nobody{i}@example.be");
            Assert.Equal(HttpStatusCode.OK, k.Response.StatusCode);
            Assert.Equal(k.Response.StatusCode, u.Response.StatusCode);
            knownBody = Normalize(await k.Response.Content.ReadAsStringAsync(), account.Email);
            unknownBody = Normalize(await u.Response.Content.ReadAsStringAsync(), $"nobody{i}@example.be");
            known.Add(k.Milliseconds);
            unknown.Add(u.Milliseconds);
            k.Response.Dispose();
            u.Response.Dispose();
        }

        Assert.Equal(knownBody, unknownBody);
        var (mk, mu) = (Median(known), Median(unknown));
        // Both paths run one full PBKDF2 (≈ 100+ ms here); a skipped hash would show as a gap of that size.
        Assert.True(Math.Abs(mk - mu) < Math.Max(40, 0.35 * Math.Max(mk, mu)), $"known {mk:0} ms, unknown {mu:0} ms");
    }

    private static async Task<(HttpResponseMessage Response, double Milliseconds)> AttemptAsync(HttpClient client, string email)
    {
        var html = await client.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = "Wrong-Password-123456",
            ["__RequestVerificationToken"] = Forms.TokenOf(html),
        });
        var started = Stopwatch.GetTimestamp();
        var response = await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), content);
        await response.Content.LoadIntoBufferAsync();
        return (response, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static string Normalize(string html, string email) =>
        TokenValue().Replace(html, "TOKEN").Replace(email, "EMAIL", StringComparison.Ordinal);

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex TokenValue();
}
