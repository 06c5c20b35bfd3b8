using Microsoft.AspNetCore.Http;

namespace HapModular.Modules.Interop.Smart;

/// <summary>
/// <c>GET /fhir/.well-known/smart-configuration</c> (SMART App Launch 2.x discovery, open to anyone): where to
/// authorize and exchange codes, what is supported — the EHR launch with the patient in context, PKCE S256, patient
/// reads in v1 and v2 spelling, OpenID Connect with <c>fhirUser</c>.
/// </summary>
internal static class SmartConfigurationEndpoint
{
    public static IResult Get(HttpContext http)
    {
        var root = Root(http.Request);
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = root,
            ["jwks_uri"] = $"{root}/{SmartServer.JwksPath}",
            ["authorization_endpoint"] = $"{root}/{SmartServer.AuthorizePath}",
            ["token_endpoint"] = $"{root}/{SmartServer.TokenPath}",
            ["grant_types_supported"] = new[] { "authorization_code" },
            ["response_types_supported"] = new[] { "code" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post", "none" },
            ["scopes_supported"] = SmartScopes.All,
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["capabilities"] = new[]
            {
                "launch-ehr", "client-public", "client-confidential-symmetric", "context-ehr-patient", "sso-openid-connect",
                "permission-patient", "permission-v1", "permission-v2",
            },
            ["launch_endpoint"] = $"{root}/smart/launch",
        });
    }

    /// <summary>The portal's root as this client reached it (the FHIR base without <c>/fhir</c>).</summary>
    public static string Root(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
