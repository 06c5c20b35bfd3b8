using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace HapModular.Modules.Interop.Fhir;

/// <summary>
/// Who may use the FHIR API: a signed-in physician (the portal session, or the personal access token of a desktop
/// client) for the record; the DPO for the audit trail (<c>AuditEvent</c>). Anyone else gets an OperationOutcome, never
/// a sign-in page. What the caller then sees is decided per patient by the one guard.
/// </summary>
internal static class FhirCaller
{
    public static IResult? Refusal(HttpContext http, ICurrentUser user, string role = Roles.Physician)
    {
        if (!user.IsAuthenticated)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return FhirResponses.Error(http, StatusCodes.Status401Unauthorized, OperationOutcome.IssueType.Login, "Authentication required.");
        }

        return user.IsInRole(role)
            ? null
            : FhirResponses.Error(http, StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, role == Roles.Physician
                ? "The FHIR API is for physicians."
                : "This resource is for the data protection officer.");
    }
}
