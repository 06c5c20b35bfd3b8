using System.Net;
using System.Text.RegularExpressions;
using OtpNet;

namespace HapModular.Security.Tests;

/// <summary>
/// A browser-like client against the portal's real port: its own cookie jar, no automatic redirects, and headers an
/// attacker chooses (Host, X-Forwarded-For). Forms are posted the way a browser does (GET for the token, then POST).
/// </summary>
public sealed partial class Attacker : IDisposable
{
    private readonly AttackedPortal portal;
    private readonly HttpClientHandler handler;

    public Attacker(AttackedPortal portal)
    {
        this.portal = portal;
        handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        Client = new HttpClient(handler) { BaseAddress = portal.BaseUrl };
    }

    public HttpClient Client { get; }

    /// <summary>The cookies this client holds (what an attacker copies from a shared PC).</summary>
    public CookieCollection Cookies => handler.CookieContainer.GetCookies(portal.BaseUrl);

    /// <summary>Puts copied cookies in this client's jar.</summary>
    public void Replay(IEnumerable<Cookie> cookies)
    {
        foreach (var cookie in cookies)
        {
            handler.CookieContainer.Add(portal.BaseUrl, new Cookie(cookie.Name, cookie.Value, "/"));
        }
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>GETs <paramref name="page"/> for its anti-forgery token, then POSTs the fields (url-encoded) with the chosen headers.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, IReadOnlyDictionary<string, string> fields, string? action = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var get = await GetAsync(page);
        var token = TokenPattern().Match(await get.Content.ReadAsStringAsync()) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("No anti-forgery token on " + page);
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(action ?? page, UriKind.Relative)) { Content = new FormUrlEncodedContent(body) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await Client.SendAsync(request);
    }

    /// <summary>The password step only; returns its response (a redirect to the code step when the password is right).</summary>
    public Task<HttpResponseMessage> PasswordStepAsync(DemoPerson person, string? password = null, IReadOnlyDictionary<string, string>? headers = null) =>
        PostFormAsync("/account/sign-in", new Dictionary<string, string> { ["Email"] = person.Email, ["Password"] = password ?? DemoPerson.Password }, headers: headers);

    /// <summary>The code step with the code the person's phone shows now; returns its response (a redirect when signed in).</summary>
    public Task<HttpResponseMessage> CodeStepAsync(DemoPerson person) =>
        PostFormAsync("/account/sign-in/code", new Dictionary<string, string> { ["Code"] = FreshCode(person) });

    /// <summary>Signs in with both factors; fails the test when the portal refuses.</summary>
    public async Task SignInAsync(DemoPerson person)
    {
        using var password = await PasswordStepAsync(person);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        using var code = await CodeStepAsync(person);
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
    }

    /// <summary>Whether the portal shows this client as signed in.</summary>
    public async Task<bool> IsSignedInAsync()
    {
        using var home = await GetAsync("/");
        return (await home.Content.ReadAsStringAsync()).Contains("action=\"/account/sign-out\"", StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Client.Dispose();
        handler.Dispose();
    }

    /// <summary>A code from the next 30-second step: each accepted code is spent (RFC 6238 §5.2), so the clock moves on first.</summary>
    private string FreshCode(DemoPerson person)
    {
        portal.Time.Advance(TimeSpan.FromSeconds(30));
        return new Totp(Base32Encoding.ToBytes(person.TotpSecret)).ComputeTotp(portal.Time.GetUtcNow().UtcDateTime);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>The demo accounts as <c>build/run.sh</c> prints them (public on purpose).</summary>
public sealed record DemoPerson(string Email, string TotpSecret)
{
    public const string Password = "Hap-Demo-Portal-2026";

    public static readonly DemoPerson DrDupont = new("dr.dupont@demo.hapmodular.be", "VT7IS4U7VFXVQE57VUMMSHMKISU2AMPK");
    public static readonly DemoPerson DrPeeters = new("dr.peeters@demo.hapmodular.be", "DTZWVWZD5YB2I6O5ACH5XK3AJU7Y3RP2");
    public static readonly DemoPerson DrLambert = new("dr.lambert@demo.hapmodular.be", "KNY35JNDK6WZUKJ53VWNQH7OZR3Q3GZ4");
    public static readonly DemoPerson Desk = new("desk@demo.hapmodular.be", "PRZCQIUFKXDNBJME5GD7ALI7QV2NA3ND");
    public static readonly DemoPerson Dpo = new("dpo@demo.hapmodular.be", "Z4OEVQC7FK74JHCV2N3VEFAKAOOPQF3T");
    public static readonly DemoPerson Admin = new("admin@demo.hapmodular.be", "IFV73DIFNYW3QBT4FAIANH7DFSIEC2P3");
}
