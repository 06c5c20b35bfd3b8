using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace HapModular.Modules.Interop.Fhir;

/// <summary>
/// Who may use the FHIR API: a signed-in physician (the portal session, or the personal access token of a desktop
/// client once that scheme is registered). Anyone else gets an OperationOutcome, never a sign-in page. What the
/// physician then sees is decided per patient by the one guard.
/// </summary>
internal static class FhirCaller
{
    public static IResult? Refusal(HttpContext http, ICurrentUser user)
    {
        if (!user.IsAuthenticated)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return FhirResponses.Error(http, StatusCodes.Status401Unauthorized, OperationOutcome.IssueType.Login, "Authentication required.");
        }

        return user.IsInRole(Roles.Physician)
            ? null
            : FhirResponses.Error(http, StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, "The FHIR API is for physicians.");
    }
}
