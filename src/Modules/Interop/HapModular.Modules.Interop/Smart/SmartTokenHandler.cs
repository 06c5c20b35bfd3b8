using System.Security.Claims;
using System.Text.Encodings.Web;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HapModular.Modules.Interop.Smart;

/// <summary>
/// <c>Authorization: Bearer …</c> that is not a personal access token: a SMART access token, validated by OpenIddict
/// (data-protection format, the key ring shared by every host). Like a personal access token it counts only on
/// endpoints that accept tokens (<c>/fhir</c>), only for reads, and only with a patient read scope; the principal is the
/// physician with the claims of a session plus the launch patient, which the one guard then holds him to.
/// </summary>
internal sealed class SmartTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Context.GetEndpoint()?.Metadata.GetMetadata<AcceptsAccessTokens>() is null)
        {
            return AuthenticateResult.Fail("SMART access tokens are not accepted here.");
        }

        if (!HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method))
        {
            return AuthenticateResult.Fail("SMART access tokens are read-only.");
        }

        var result = await Context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is not { } token)
        {
            return AuthenticateResult.Fail("Invalid or expired access token.");
        }

        if (!SmartScopes.GrantRead(token.GetScopes()) || token.GetClaim(LaunchContext.PatientClaim) is not { } patient || token.GetClaim(Claims.Subject) is not { } subject)
        {
            return AuthenticateResult.Fail("The token grants no patient read.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, subject),
            new(ClaimTypes.Name, token.GetClaim(Claims.Name) ?? string.Empty),
            new(LaunchContext.PatientClaim, patient),
            new(AcceptsAccessTokens.ChannelClaim, AcceptsAccessTokens.SmartChannel),
        };
        claims.AddRange(token.GetClaims(Claims.Role).Select(r => new Claim(ClaimTypes.Role, r)));
        if (token.GetClaim(AuthorizeEndpoint.InamiClaim) is { } inami)
        {
            claims.Add(new Claim(AuthorizeEndpoint.InamiClaim, inami));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, AcceptsAccessTokens.SmartScheme, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, AcceptsAccessTokens.SmartScheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"HapModular\", error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}
