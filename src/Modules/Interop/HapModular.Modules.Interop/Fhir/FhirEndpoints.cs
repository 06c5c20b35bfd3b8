using HapModular.Modules.Interop.Fhir.AuditEvents;
using HapModular.Modules.Interop.Fhir.Binaries;
using HapModular.Modules.Interop.Fhir.Consents;
using HapModular.Modules.Interop.Fhir.Documents;
using HapModular.Modules.Interop.Fhir.Inbound;
using HapModular.Modules.Interop.Fhir.Metadata;
using HapModular.Modules.Interop.Fhir.Patients;
using HapModular.Modules.Interop.Fhir.Practitioners;
using HapModular.Modules.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HapModular.Modules.Interop.Fhir;

/// <summary>
/// The read-only FHIR R4 API for the physician's own software, at <c>/fhir</c>. Every patient-scoped read is a
/// MediatR request through the one guard and audited like the pages; a refusal is the same 404 OperationOutcome as an
/// unknown id, and a search that may not see a patient finds nothing, as if there were none.
/// </summary>
internal static class FhirEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // Personal access tokens (read-only) authenticate here, as on DICOMweb: the practice software has no browser session.
        var fhir = endpoints.MapGroup("/fhir").AcceptAccessTokens().ExcludeFromDescription();
        fhir.MapGet("/metadata", CapabilityEndpoint.Get);
        fhir.MapGet("/Patient", (Func<HttpContext, Task<IResult>>)PatientEndpoints.Search);
        fhir.MapGet("/Patient/{id}", PatientEndpoints.Read);
        fhir.MapGet("/DocumentReference", (Func<HttpContext, Task<IResult>>)DocumentReferenceEndpoints.Search);
        fhir.MapGet("/DocumentReference/{id}", DocumentReferenceEndpoints.Read);
        fhir.MapGet("/Binary/{id}", BinaryEndpoint.Read);
        fhir.MapGet("/Practitioner/{id}", PractitionerEndpoint.Read);
        fhir.MapGet("/Consent", (Func<HttpContext, Task<IResult>>)ConsentEndpoints.Search);
        fhir.MapGet("/AuditEvent", (Func<HttpContext, Task<IResult>>)AuditEventEndpoints.Search);

        // Hospital systems file documents (their source-system key, not a physician's session or token).
        fhir.MapPost("/DocumentReference", (Func<HttpContext, Task<IResult>>)SubmitDocumentEndpoint.Post).DisableAntiforgery();
        fhir.MapPost("/", (Func<HttpContext, Task<IResult>>)SubmitDocumentEndpoint.Post).DisableAntiforgery();
    }
}
