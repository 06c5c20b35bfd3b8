using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HapModular.Modules.Interop.Smart;

/// <summary>
/// The SMART routes the portal serves itself; OpenIddict answers <c>/smart/token</c>, <c>/smart/jwks</c> and
/// <c>/.well-known/openid-configuration</c> before routing reaches an endpoint.
/// </summary>
internal static class SmartEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/fhir/.well-known/smart-configuration", SmartConfigurationEndpoint.Get).ExcludeFromDescription();
        endpoints.MapPost("/smart/launch", (Func<HttpContext, Task<IResult>>)LaunchEndpoint.Post).DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapMethods("/" + SmartServer.AuthorizePath, [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)AuthorizeEndpoint.Handle)
            .DisableAntiforgery().ExcludeFromDescription();
    }
}
