using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Http;

namespace HapModular.Modules.Interop.Fhir;

/// <summary>
/// Writes FHIR resources in the format the client asked for (<c>_format</c>, else <c>Accept</c>, else the format it sent; JSON by default) and
/// every error as an <c>OperationOutcome</c>. Nothing is cached: each answer is for one caller.
/// </summary>
internal static class FhirResponses
{
    public const string JsonType = "application/fhir+json";
    public const string XmlType = "application/fhir+xml";

    /// <summary>The one answer for "no such resource" and "not yours to see": identical bytes whatever the reason.</summary>
    public static IResult NotFound(HttpContext http) => Error(http, StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, "Resource not found.");

    public static IResult Invalid(HttpContext http, string message) => Error(http, StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, message);

    public static IResult Error(HttpContext http, int status, OperationOutcome.IssueType type, string message)
    {
        var outcome = new OperationOutcome
        {
            Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = type, Diagnostics = message }],
        };
        return Resource(http, outcome, status);
    }

    public static IResult Resource(HttpContext http, Resource resource, int status = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.CacheControl = "private, no-store";
        var xml = WantsXml(http.Request);
        var body = xml ? resource.ToXml() : resource.ToJson();
        return Results.Text(body, (xml ? XmlType : JsonType) + "; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>Whether the client asked for a FHIR resource at all (a Binary is otherwise sent as its own bytes).</summary>
    public static bool WantsFhir(HttpRequest request) =>
        request.Query.ContainsKey("_format") || request.Headers.Accept.Any(a => a is not null && a.Contains("fhir", StringComparison.OrdinalIgnoreCase));

    private static bool WantsXml(HttpRequest request)
    {
        if (request.Query.TryGetValue("_format", out var format))
        {
            return format.ToString() is "xml" or "text/xml" or "application/xml" or XmlType;
        }

        var accept = request.Headers.Accept.ToString();
        if (accept.Length == 0 || accept == "*/*")
        {
            // No preference: answer in the format the client wrote in (a hospital system POSTing XML reads XML).
            return request.ContentType?.Contains("xml", StringComparison.OrdinalIgnoreCase) == true;
        }

        return accept.Contains("xml", StringComparison.OrdinalIgnoreCase) && !accept.Contains("json", StringComparison.OrdinalIgnoreCase);
    }
}
