using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Interop.Fhir.Consents;

/// <summary>
/// <c>GET /fhir/Consent?patient=Patient/{id}</c>: why the caller may see this patient — the patient's consent and the
/// caller's own link or grant. A patient the caller may not see gives an empty bundle, as one that does not exist.
/// </summary>
internal static class ConsentEndpoints
{
    public static async Task<IResult> Search(HttpContext http)
    {
        var user = http.RequestServices.GetRequiredService<ICurrentUser>();
        if (FhirCaller.Refusal(http, user) is { } refusal)
        {
            return refusal;
        }

        if (SearchParameters.PatientReference(http.Request.Query) is not { } patient)
        {
            return FhirResponses.Invalid(http, "Search the consents of one patient: patient=Patient/<id>.");
        }

        IReadOnlyList<global::Hl7.Fhir.Model.Resource> found = [];
        if (SearchParameters.TryPatientId(patient, out var patientId))
        {
            try
            {
                var relation = await http.RequestServices.GetRequiredService<IMediator>().Send(new GetCareRelation(patientId), http.RequestAborted);
                found = ConsentResources.From(patientId, relation, user.DisplayName, user.Inami);
            }
            catch (PatientAccessDeniedException)
            {
                // Nothing to show, exactly as for a patient who does not exist.
            }
        }

        return FhirResponses.Resource(http, SearchBundles.Of(http, found, found.Count, 0, found.Count));
    }
}
