using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using Hl7.Fhir.Model;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace HapModular.Modules.Interop.Fhir.Binaries;

/// <summary>
/// <c>GET /fhir/Binary/{id}</c>: the original document exactly as ingested, audited as a download. A client that asks
/// for FHIR gets a <c>Binary</c> resource; any other gets the bytes themselves as an attachment that the browser never
/// renders in the portal's origin (an HTML or SVG document could otherwise run script there).
/// </summary>
internal static class BinaryEndpoint
{
    public static async Task<IResult> Read(string id, HttpContext http)
    {
        if (FhirCaller.Refusal(http, http.RequestServices.GetRequiredService<ICurrentUser>()) is { } refusal)
        {
            return refusal;
        }

        if (await DocumentAddress.ResolveAsync(http, id) is not (var patientId, var documentId))
        {
            return FhirResponses.NotFound(http);
        }

        var mediator = http.RequestServices.GetRequiredService<IMediator>();

        DocumentOriginal? original;
        try
        {
            original = await mediator.Send(new GetDocumentOriginal(patientId, documentId), http.RequestAborted);
        }
        catch (PatientAccessDeniedException)
        {
            return FhirResponses.NotFound(http);
        }

        if (original is null)
        {
            return FhirResponses.Error(http, StatusCodes.Status500InternalServerError, OperationOutcome.IssueType.Exception, "The stored content is damaged; the hospital has been told.");
        }

        if (FhirResponses.WantsFhir(http.Request))
        {
            return FhirResponses.Resource(http, new Binary { Id = FhirIds.Of(documentId), ContentType = original.MediaType, Data = original.Content });
        }

        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(FhirIds.Of(documentId));
        http.Response.Headers.ContentDisposition = disposition.ToString();
        return Results.Bytes(original.Content, original.MediaType);
    }
}
