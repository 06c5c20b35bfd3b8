using System.Security.Claims;
using System.Text.Encodings.Web;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Authentication;
using HapModular.Modules.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace HapModular.Modules.Identity.AccessTokens;

/// <summary>
/// <c>Authorization: Bearer hap_pat_…</c>: the physician the token belongs to, with the claims of a session (so the
/// one guard decides exactly as for the browser) plus the channel claim. Only on endpoints that accept tokens, only
/// for GET and HEAD (the token's read-only scope).
/// </summary>
internal sealed class AccessTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AuthenticateAccessToken tokens, VerifiedAccount verified)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "HapAccessToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (Context.GetEndpoint()?.Metadata.GetMetadata<AcceptsAccessTokens>() is null)
        {
            return AuthenticateResult.Fail("Personal access tokens are not accepted here.");
        }

        if (!HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method))
        {
            return AuthenticateResult.Fail("Personal access tokens are read-only.");
        }

        var account = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (account is null)
        {
            return AuthenticateResult.Fail("Unknown, revoked or expired token.");
        }

        // AuthenticateAsync returns only a physician's active account (the token's owner, read just now).
        verified.ActiveId = account.Status == AccountStatus.Active ? account.Id : null;
        var session = SessionPrincipal.For(account, default);
        var claims = session.Claims.Where(c => c.Type is not IdentitySchemes.StampClaim and not IdentitySchemes.IssuedClaim)
            .Append(new Claim(AcceptsAccessTokens.ChannelClaim, AcceptsAccessTokens.TokenChannel));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer realm=\"HapModular\"";
        return Task.CompletedTask;
    }
}
