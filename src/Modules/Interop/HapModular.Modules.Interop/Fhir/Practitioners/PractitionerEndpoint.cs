using HapModular.Modules.Shared;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HapModular.Modules.Interop.Fhir.Practitioners;

/// <summary>
/// <c>GET /fhir/Practitioner/{id}</c>: the caller himself — what a SMART id_token's <c>fhirUser</c> points to — with
/// his INAMI number (eHealth's NIHDI naming system). Any other id is the neutral 404: the API lists no colleagues.
/// </summary>
internal static class PractitionerEndpoint
{
    /// <summary>RIZIV/INAMI numbers (eHealth naming system).</summary>
    public const string NihdiSystem = "https://www.ehealth.fgov.be/standards/fhir/core/NamingSystem/nihdi";

    public static IResult Read(string id, HttpContext http)
    {
        var user = http.RequestServices.GetRequiredService<ICurrentUser>();
        if (FhirCaller.Refusal(http, user) is { } refusal)
        {
            return refusal;
        }

        if (!FhirIds.TryParse(id, out var userId) || userId != user.UserId)
        {
            return FhirResponses.NotFound(http);
        }

        var practitioner = new Practitioner { Id = FhirIds.Of(user.UserId), Active = true, Name = [new HumanName { Text = user.DisplayName }] };
        if (user.Inami is { } inami)
        {
            practitioner.Identifier.Add(new Identifier(NihdiSystem, inami));
        }

        return FhirResponses.Resource(http, practitioner);
    }
}
