using HapModular.Modules.Records.Contracts;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Interop.Fhir;

/// <summary>
/// FHIR addresses a document by its id alone; the guard decides per patient. This finds the patient to put in the
/// guarded request — never an answer by itself: a null (bad or unknown id) and a later refusal both end as the same 404.
/// </summary>
internal static class DocumentAddress
{
    public static async Task<(Guid PatientId, Guid DocumentId)?> ResolveAsync(HttpContext http, string id) =>
        FhirIds.TryParse(id, out var documentId)
        && await http.RequestServices.GetRequiredService<IMediator>().Send(new FindDocumentPatient(documentId), http.RequestAborted) is { } patientId
            ? (patientId, documentId)
            : null;
}
