using HapModular.SharedKernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Audit.Verification;

/// <summary><c>GET /api/audit/verify</c> for the DPO: the chain's state as JSON.</summary>
internal static class VerifyEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/audit/verify", async (HttpContext http) =>
        {
            if (http.User.Identity?.IsAuthenticated != true || !http.User.IsInRole(Roles.Dpo))
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "DPO only");
            }

            var result = await http.RequestServices.GetRequiredService<ChainVerifier>().VerifyAsync(http.RequestAborted);
            http.Response.Headers.CacheControl = "private, no-store";
            return Results.Json(new { intact = result.Intact, verified = result.Checked, firstBrokenSequence = result.FirstBrokenSequence, problem = result.Problem });
        }).WithName("VerifyAuditChain");
}
