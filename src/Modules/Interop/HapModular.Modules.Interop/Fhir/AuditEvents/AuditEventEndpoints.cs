using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Interop.Fhir.AuditEvents;

/// <summary>
/// <c>GET /fhir/AuditEvent?patient=Patient/{id}</c> (with <c>date</c>, <c>_count</c>, <c>_getpagesoffset</c>): the
/// patient's access log for the DPO, newest first, every outcome. A physician is refused (403): the log of who looked
/// is the patient's and the DPO's, not a colleague's. The DPO's read is itself audited (access-report).
/// </summary>
internal static class AuditEventEndpoints
{
    private const int DefaultCount = 50;
    private const int MaxCount = 200;

    public static async Task<IResult> Search(HttpContext http)
    {
        if (FhirCaller.Refusal(http, http.RequestServices.GetRequiredService<ICurrentUser>(), Roles.Dpo) is { } refusal)
        {
            return refusal;
        }

        var query = http.Request.Query;
        if (SearchParameters.PatientReference(query) is not { } patient)
        {
            return FhirResponses.Invalid(http, "Search the audit trail of one patient: patient=Patient/<id>.");
        }

        if (!DateRange.TryParse(query["date"], out var from, out var to, out var dateError))
        {
            return FhirResponses.Invalid(http, dateError!);
        }

        if (!SearchParameters.TryPaging(query, DefaultCount, MaxCount, out var count, out var offset, out var pagingError))
        {
            return FhirResponses.Invalid(http, pagingError!);
        }

        var trail = new PatientAuditTrail(0, []);
        if (SearchParameters.TryPatientId(patient, out var patientId))
        {
            try
            {
                trail = await http.RequestServices.GetRequiredService<IMediator>().Send(new GetPatientAuditTrail(patientId, from, to, offset, count), http.RequestAborted);
            }
            catch (PatientAccessDeniedException)
            {
                // Same as a patient with no trail.
            }
        }

        var fhirBase = SearchBundles.BaseUrl(http.Request);
        var events = trail.Entries.Select(e => (global::Hl7.Fhir.Model.Resource)AuditEventResource.From(patientId, e, fhirBase)).ToList();
        return FhirResponses.Resource(http, SearchBundles.Of(http, events, trail.Total, offset, count));
    }
}
