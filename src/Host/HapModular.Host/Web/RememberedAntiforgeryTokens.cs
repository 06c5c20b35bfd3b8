using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Net.Http.Headers;

namespace HapModular.Host.Web;

/// <summary>
/// The layout's sign-out form token, remembered for a minute per exact anti-forgery cookie and signed-in user. Why:
/// every signed-in page rendered that form, and each time the framework decrypted the anti-forgery cookie and encrypted
/// a new request token (data protection's key derivation, HMAC and AES) — a visible share of a timeline page's CPU.
/// A request token stays valid for as long as the cookie token it pairs with (ASP.NET Core accepts any number of uses),
/// so handing the same one out again within a minute changes nothing a POST is checked against: validation is the
/// framework's, untouched. Only a set issued for a cookie the framework itself accepted (no new cookie issued) is
/// remembered, keyed on the cookie's exact value and the user the token was bound to.
/// </summary>
internal sealed class RememberedAntiforgeryTokens(IAntiforgery inner, AntiforgeryOptions options, TimeProvider time) : IAntiforgery
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<(string Cookie, string User), (AntiforgeryTokenSet Tokens, DateTimeOffset Until)> entries = new();

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (Key(httpContext) is not { } key || (options.Cookie.SecurePolicy == CookieSecurePolicy.Always && !httpContext.Request.IsHttps))
        {
            return inner.GetAndStoreTokens(httpContext);
        }

        var now = time.GetUtcNow();
        if (entries.TryGetValue(key, out var hit) && hit.Until > now)
        {
            // What the framework does when the request's cookie token is still good: no new cookie, no caching.
            if (!httpContext.Response.HasStarted)
            {
                httpContext.Response.Headers[HeaderNames.CacheControl] = "no-cache, no-store";
                httpContext.Response.Headers[HeaderNames.Pragma] = "no-cache";
            }

            return hit.Tokens;
        }

        var tokens = inner.GetAndStoreTokens(httpContext);
        if (tokens.CookieToken is null)
        {
            if (entries.Count >= MaxEntries)
            {
                // A crude bound: at worst each session's token is made once more.
                entries.Clear();
            }

            entries[key] = (tokens, now + Lifetime);
        }

        return tokens;
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);

    // The request token is bound to the user's identifier (the framework's claim uid): a signed-in user with one, only.
    private (string, string)? Key(HttpContext http) =>
        options.Cookie.Name is { } name && http.Request.Cookies[name] is { Length: > 0 } cookie
        && http.User.Identity is { IsAuthenticated: true, AuthenticationType: { } scheme }
        && http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id
            ? (cookie, scheme + "|" + id)
            : null;
}
