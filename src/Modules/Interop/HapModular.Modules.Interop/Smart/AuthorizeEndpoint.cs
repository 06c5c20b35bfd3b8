using System.Security.Claims;
using HapModular.Modules.Interop.Fhir;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HapModular.Modules.Interop.Smart;

/// <summary>
/// <c>/smart/authorize</c> after OpenIddict validated the client, its exact redirect URI and PKCE: the launch id must be
/// this client's, unspent and fresh; the physician signs in with the portal's own session (password + code); the one
/// guard decides on the launch patient as the timeline does. Allowed: a code whose tokens carry that patient only.
/// Refused (no link, excluded, no such patient): the browser lands on the timeline's own neutral page, with its "declare
/// a link" and "emergency access", and no code is issued.
/// </summary>
internal static class AuthorizeEndpoint
{
    // As the session carries it (the host's HttpCurrentUser reads this claim type).
    public const string InamiClaim = "hap:inami";

    // A claim with no destination stays in the authorization code only: the code's single-use key.
    public const string GrantClaim = "hap:grant";

    public static async Task<IResult> Handle(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenIddict authorization request.");
        var scopes = request.GetScopes();
        if (!scopes.Contains(SmartScopes.Launch) || request["launch"]?.ToString() is not { Length: > 0 } launchId)
        {
            return Refuse(Errors.InvalidRequest, "This portal supports the EHR launch: ask for scope 'launch' and send the 'launch' your software received from /smart/launch.");
        }

        if (request["aud"]?.ToString() is { Length: > 0 } audience && audience.TrimEnd('/') != SmartConfigurationEndpoint.Root(http.Request) + "/fhir")
        {
            return Refuse(Errors.InvalidRequest, "aud must be this portal's FHIR base URL.");
        }

        var launches = http.RequestServices.GetRequiredService<LaunchStore>();
        if (await launches.FindAsync(launchId, request.ClientId!, http.RequestAborted) is not { } launch)
        {
            return Refuse(Errors.InvalidRequest, "Unknown, spent or expired launch: launch again from your software.");
        }

        var user = http.RequestServices.GetRequiredService<ICurrentUser>();
        if (!user.IsAuthenticated)
        {
            // The portal's own sign-in (both factors), then back here with the same parameters.
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + http.Request.QueryString });
        }

        if (!user.IsInRole(Roles.Physician))
        {
            return Refuse(Errors.AccessDenied, "SMART launches are for physicians.");
        }

        // An unknown NISS leads where a patient without link does: a neutral page about an id that exists nowhere.
        var patientId = launch.PatientId ?? Guid.NewGuid();
        try
        {
            await http.RequestServices.GetRequiredService<IMediator>().Send(new CheckSmartLaunch(patientId), http.RequestAborted);
        }
        catch (PatientAccessDeniedException)
        {
            return Results.Redirect($"/patients/{patientId}");
        }

        if (!await launches.SpendAsync(launch.LaunchId, http.RequestAborted))
        {
            return Refuse(Errors.InvalidRequest, "Unknown, spent or expired launch: launch again from your software.");
        }

        var fhirUser = $"{SmartConfigurationEndpoint.Root(http.Request)}/fhir/Practitioner/{FhirIds.Of(user.UserId)}";
        return Results.SignIn(Principal(user, patientId, fhirUser, scopes), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static ClaimsPrincipal Principal(ICurrentUser user, Guid patientId, string fhirUser, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.UserId.ToString())
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(InamiClaim, user.Inami)
            .SetClaim(LaunchContext.PatientClaim, FhirIds.Of(patientId))
            .SetClaim(SmartScopes.FhirUser, fhirUser)
            .SetClaim(GrantClaim, Guid.NewGuid().ToString("N"))
            .SetClaims(Claims.Role, [Roles.Physician]);
        identity.SetScopes(scopes.Intersect(SmartScopes.All));
        identity.SetDestinations(claim => claim.Type switch
        {
            GrantClaim => [],
            Claims.Name or SmartScopes.FhirUser => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return new ClaimsPrincipal(identity);
    }

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
