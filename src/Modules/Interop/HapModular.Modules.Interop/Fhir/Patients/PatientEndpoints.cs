using HapModular.Modules.Consent.Contracts;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using Hl7.Fhir.Model;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Interop.Fhir.Patients;

/// <summary>
/// <c>GET /fhir/Patient/{id}</c> and <c>GET /fhir/Patient?identifier=…|NISS</c> (or <c>_id</c>). The GP's software
/// knows the NISS: a search by it finds the patient only when the guard lets the caller see them, and an empty bundle
/// otherwise — the same for "no link", "excluded" and "no such patient". Without either, the search lists the patients
/// the caller holds an active link or grant for (the practice software's "my hospital patients"), each through the
/// guard, so an excluded patient or one who withdrew consent is not listed.
/// </summary>
internal static class PatientEndpoints
{
    /// <summary>Belgian national number (eHealth naming system).</summary>
    public const string NissSystem = "https://www.ehealth.fgov.be/standards/fhir/core/NamingSystem/ssin";

    public static async Task<IResult> Read(string id, HttpContext http)
    {
        if (FhirCaller.Refusal(http, http.RequestServices.GetRequiredService<ICurrentUser>()) is { } refusal)
        {
            return refusal;
        }

        return FhirIds.TryParse(id, out var patientId) && await FindAsync(http, patientId) is { } patient
            ? FhirResponses.Resource(http, patient)
            : FhirResponses.NotFound(http);
    }

    public static async Task<IResult> Search(HttpContext http)
    {
        if (FhirCaller.Refusal(http, http.RequestServices.GetRequiredService<ICurrentUser>()) is { } refusal)
        {
            return refusal;
        }

        var query = http.Request.Query;
        Guid? patientId;
        if (query.TryGetValue("identifier", out var identifier))
        {
            var (system, value) = SplitToken(identifier.ToString());
            if (system is not null && system != NissSystem)
            {
                return FhirResponses.Invalid(http, $"Only the NISS can be searched: identifier={NissSystem}|<11 digits>.");
            }

            if (!Niss.TryParse(value, out var niss, out _))
            {
                return FhirResponses.Invalid(http, "The identifier is not a valid NISS (11 digits with valid check digits).");
            }

            patientId = await http.RequestServices.GetRequiredService<IMediator>().Send(new FindNissHolder(niss.Digits), http.RequestAborted);
        }
        else if (query.TryGetValue("_id", out var idValue))
        {
            patientId = FhirIds.TryParse(idValue.ToString(), out var parsed) ? parsed : null;
        }
        else if (query.Keys.All(k => k is "_count" or "_getpagesoffset" or "_format"))
        {
            return await ListAsync(http);
        }
        else
        {
            return FhirResponses.Invalid(http, "Search patients by identifier (the NISS) or _id, or list yours with no parameter.");
        }

        var found = patientId is { } holder ? await FindAsync(http, holder) : null;
        return FhirResponses.Resource(http, SearchBundles.Of(http, found is null ? [] : [found], found is null ? 0 : 1, 0, 1));
    }

    private static async Task<IResult> ListAsync(HttpContext http)
    {
        if (!SearchParameters.TryPaging(http.Request.Query, 50, 100, out var count, out var offset, out var error))
        {
            return FhirResponses.Invalid(http, error!);
        }

        var user = http.RequestServices.GetRequiredService<ICurrentUser>();
        var candidates = await http.RequestServices.GetRequiredService<IMediator>().Send(new GetAccessiblePatients(user.UserId), http.RequestAborted);
        var visible = new List<Patient>();
        foreach (var candidate in candidates)
        {
            // Candidates decide nothing: the guard still checks consent, exclusion and account for each (and audits it).
            if (await FindAsync(http, candidate) is { } patient)
            {
                visible.Add(patient);
            }
        }

        var ordered = visible.OrderBy(p => p.Name[0].Family, StringComparer.CurrentCulture).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        return FhirResponses.Resource(http, SearchBundles.Of(http, [.. ordered.Skip(offset).Take(count)], ordered.Count, offset, count));
    }

    /// <summary>The patient through the guard (audited), or null for any refusal.</summary>
    private static async Task<Patient?> FindAsync(HttpContext http, Guid patientId)
    {
        try
        {
            var banner = await http.RequestServices.GetRequiredService<IMediator>().Send(new GetPatientIdentity(patientId), http.RequestAborted);
            return PatientResource.From(banner);
        }
        catch (PatientAccessDeniedException)
        {
            return null;
        }
    }

    private static (string? System, string Value) SplitToken(string token)
    {
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (null, token) : (token[..bar] is { Length: > 0 } s ? s : null, token[(bar + 1)..]);
    }
}
