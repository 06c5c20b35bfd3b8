using HapModular.Modules.Interop.Fhir.Documents;
using HapModular.Modules.Interop.Fhir.Patients;
using HapModular.Modules.Interop.Smart;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace HapModular.Modules.Interop.Fhir.Metadata;

/// <summary><c>GET /fhir/metadata</c>: what this read-only server offers (open to anyone, as FHIR requires).</summary>
internal static class CapabilityEndpoint
{
    public static IResult Get(HttpContext http) => FhirResponses.Resource(http, Statement(SearchBundles.BaseUrl(http.Request)));

    private static CapabilityStatement Statement(string fhirBase) => new()
    {
        Status = PublicationStatus.Active,
        DateElement = new FhirDateTime("2026-12-03"),
        Kind = CapabilityStatementKind.Instance,
        FhirVersion = FHIRVersion.N4_0_1,
        Format = ["json", "xml"],
        Publisher = "HapModular",
        Description = new Markdown("Read access to the hospital record for physicians with a therapeutic link and to a patient's access log for the DPO, every read audited; document submission for the hospital's own systems."),
        Implementation = new CapabilityStatement.ImplementationComponent { Description = "HapModular portal", Url = fhirBase },
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Interaction = [new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction, Documentation = new Markdown("A transaction Bundle of one DocumentReference with its Patient and Binary, for hospital systems.") }],
                Security = Security(fhirBase),
                Resource =
                [
                    Resource(ResourceType.Patient, ["identifier", "_id", "_count"], "Search by identifier " + PatientEndpoints.NissSystem + "|NISS, or with no parameter for the patients you hold a link for"),
                    Creatable(Resource(ResourceType.DocumentReference, ["patient", "subject", "date", "category", "_count"], "category codes: " + DocumentCategories.System + ". Hospital systems create (POST) with their source-system key in X-Api-Key: the patient as a contained Patient (NISS or hospital id, name, birth date), the bytes in attachment.data, masterIdentifier required (a resend is not a duplicate).")),
                    Resource(ResourceType.Binary, [], "The original document as ingested"),
                    Resource(ResourceType.Practitioner, [], "Yourself only (what a SMART id_token's fhirUser names), with your INAMI number"),
                    Resource(ResourceType.Consent, ["patient"], "The patient's consent to sharing and your own therapeutic link or emergency grant (search only)", read: false),
                    Resource(ResourceType.AuditEvent, ["patient", "date", "_count"], "The patient's access log, shaped after IHE BALP; for the data protection officer only (search only)", read: false),
                ],
            },
        ],
    };

    // SMART App Launch: the service code and the oauth-uris extension a SMART client looks for.
    private static CapabilityStatement.SecurityComponent Security(string fhirBase)
    {
        var root = fhirBase[..^"/fhir".Length];
        var uris = new Extension { Url = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris" };
        uris.AddExtension("authorize", new FhirUri($"{root}/{SmartServer.AuthorizePath}"));
        uris.AddExtension("token", new FhirUri($"{root}/{SmartServer.TokenPath}"));
        return new CapabilityStatement.SecurityComponent
        {
            Extension = [uris],
            Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR")],
            Description = new Markdown("The physician's portal session, his personal access token, or a SMART App Launch (EHR launch) access token as a Bearer token — see .well-known/smart-configuration. Only patients with a therapeutic link are visible; a SMART token only its launch patient."),
        };
    }

    private static CapabilityStatement.ResourceComponent Creatable(CapabilityStatement.ResourceComponent resource)
    {
        resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create });
        return resource;
    }

    private static CapabilityStatement.ResourceComponent Resource(ResourceType type, IEnumerable<string> search, string documentation, bool read = true)
    {
        var resource = new CapabilityStatement.ResourceComponent
        {
            Type = type.ToString(),
            Documentation = new Markdown(documentation),
        };
        if (read)
        {
            resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read });
        }

        foreach (var name in search)
        {
            resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent
            {
                Name = name,
                Type = name switch { "date" => SearchParamType.Date, "patient" or "subject" => SearchParamType.Reference, "_count" => SearchParamType.Number, _ => SearchParamType.Token },
            });
        }

        if (resource.SearchParam.Count > 0)
        {
            resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType });
        }

        return resource;
    }
}
