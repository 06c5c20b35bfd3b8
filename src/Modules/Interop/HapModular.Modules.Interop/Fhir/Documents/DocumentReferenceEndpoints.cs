using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Interop.Fhir.Documents;

/// <summary>
/// <c>GET /fhir/DocumentReference?patient=…</c> (with <c>date</c>, <c>category</c>, <c>_count</c>,
/// <c>_getpagesoffset</c>) and <c>GET /fhir/DocumentReference/{id}</c>. A patient the caller may not see gives an empty
/// bundle, exactly as a patient that does not exist; masked and embargoed documents are neither listed nor counted.
/// </summary>
internal static class DocumentReferenceEndpoints
{
    private const int DefaultCount = 20;
    private const int MaxCount = 100;

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

        try
        {
            var document = await mediator.Send(new GetPatientDocument(patientId, documentId), http.RequestAborted);
            return FhirResponses.Resource(http, DocumentReferenceResource.From(document, SearchBundles.BaseUrl(http.Request)));
        }
        catch (PatientAccessDeniedException)
        {
            return FhirResponses.NotFound(http);
        }
    }

    public static async Task<IResult> Search(HttpContext http)
    {
        if (FhirCaller.Refusal(http, http.RequestServices.GetRequiredService<ICurrentUser>()) is { } refusal)
        {
            return refusal;
        }

        var query = http.Request.Query;
        if (SearchParameters.PatientReference(query) is not { } patient)
        {
            return FhirResponses.Invalid(http, "Search documents of one patient: patient=Patient/<id>.");
        }

        if (!DateRange.TryParse(query["date"], out var from, out var to, out var dateError))
        {
            return FhirResponses.Invalid(http, dateError!);
        }

        if (!TryKinds(query["category"], out var kinds, out var kindError))
        {
            return FhirResponses.Invalid(http, kindError!);
        }

        if (!SearchParameters.TryPaging(query, DefaultCount, MaxCount, out var count, out var offset, out var pagingError))
        {
            return FhirResponses.Invalid(http, pagingError!);
        }

        var fhirBase = SearchBundles.BaseUrl(http.Request);
        var list = new PatientDocumentList(0, []);
        if (SearchParameters.TryPatientId(patient, out var patientId))
        {
            try
            {
                list = await http.RequestServices.GetRequiredService<IMediator>().Send(
                    new ListPatientDocuments(patientId, new PatientDocumentFilter(from, to, kinds), offset, count), http.RequestAborted);
            }
            catch (PatientAccessDeniedException)
            {
                // As if the patient had no documents: the caller learns nothing about who exists.
            }
        }

        var resources = list.Documents.Select(d => DocumentReferenceResource.From(d, fhirBase)).ToList();
        return FhirResponses.Resource(http, SearchBundles.Of(http, resources, list.Total, offset, count));
    }

    private static bool TryKinds(IEnumerable<string?> values, out IReadOnlyList<string>? kinds, out string? error)
    {
        var codes = new List<string>();
        error = null;
        foreach (var token in values.SelectMany(v => (v ?? string.Empty).Split(',')))
        {
            var bar = token.IndexOf('|', StringComparison.Ordinal);
            var (system, code) = bar < 0 ? (null, token) : (token[..bar], token[(bar + 1)..]);
            if ((system is { Length: > 0 } && system != DocumentCategories.System) || !DocumentCategories.Display.ContainsKey(code))
            {
                error = $"Unknown category '{token}': use {DocumentCategories.System}|{string.Join(", ", DocumentCategories.Display.Keys)}.";
                kinds = null;
                return false;
            }

            codes.Add(code);
        }

        kinds = codes.Count == 0 ? null : codes;
        return true;
    }
}
