using HapModular.Modules.Consent.Contracts;
using Hl7.Fhir.Model;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace HapModular.Modules.Interop.Fhir.Consents;

/// <summary>
/// The two FHIR <c>Consent</c> resources behind a physician's access: the patient's consent to electronic sharing
/// (scope patient-privacy) and the physician's own therapeutic link or emergency grant (scope treatment, with the link
/// type, its period and the purpose of use TREAT/ETREAT). Read-only mirrors of the Consent module's decisions.
/// </summary>
internal static class ConsentResources
{
    /// <summary>The portal's link types (R2) and emergency categories.</summary>
    public const string LinkTypeSystem = "urn:hapmodular:link-type";

    /// <summary>RIZIV/INAMI numbers (eHealth naming system).</summary>
    public const string InamiSystem = "https://www.ehealth.fgov.be/standards/fhir/core/NamingSystem/nihdi";

    private const string ScopeSystem = "http://terminology.hl7.org/CodeSystem/consentscope";
    private const string ActReasonSystem = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    private const string ParticipationSystem = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    public static IReadOnlyList<Resource> From(Guid patientId, CareRelation relation, string physicianName, string? inami)
    {
        ArgumentNullException.ThrowIfNull(relation);
        var patient = new ResourceReference("Patient/" + FhirIds.Of(patientId));
        var sharing = new FhirConsent
        {
            Id = FhirIds.Of(relation.Consent.Id),
            Status = relation.Consent.Given ? FhirConsent.ConsentState.Active : FhirConsent.ConsentState.Inactive,
            Scope = new CodeableConcept(ScopeSystem, "patient-privacy", "Privacy Consent"),
            Category = [new CodeableConcept("http://loinc.org", "59284-0", "Patient Consent")],
            Patient = patient,
            DateTimeElement = new FhirDateTime(relation.Consent.ChangedAt),
            Policy = [new FhirConsent.PolicyComponent { Uri = "urn:hapmodular:policy:electronic-sharing" }],
            Provision = new FhirConsent.provisionComponent { Type = FhirConsent.ConsentProvisionType.Permit },
        };
        if (relation.Consent.Method is { Length: > 0 } method)
        {
            sharing.Source = new ResourceReference { Display = method };
        }

        var access = relation.Access;
        var physician = new ResourceReference { Display = physicianName };
        if (inami is { Length: > 0 })
        {
            physician.Identifier = new Identifier(InamiSystem, inami);
        }

        var link = new FhirConsent
        {
            Id = FhirIds.Of(access.Id),
            Status = FhirConsent.ConsentState.Active,
            Scope = new CodeableConcept(ScopeSystem, "treatment", "Treatment"),
            Category = [new CodeableConcept(LinkTypeSystem, access.LinkType ?? "emergency-" + access.EmergencyCategory, access.LinkType is null ? "Emergency access" : "Therapeutic link")],
            Patient = patient,
            DateTimeElement = new FhirDateTime(access.Start),
            Performer = [physician],
            Policy = [new FhirConsent.PolicyComponent { Uri = "urn:hapmodular:policy:therapeutic-link" }],
            Provision = new FhirConsent.provisionComponent
            {
                Type = FhirConsent.ConsentProvisionType.Permit,
                Period = new Period(new FhirDateTime(access.Start), new FhirDateTime(access.End)),
                Purpose = [new Coding(ActReasonSystem, access.Purpose)],
                Actor =
                [
                    new FhirConsent.provisionActorComponent
                    {
                        Role = new CodeableConcept(ParticipationSystem, "PRCP", "primary information recipient"),
                        Reference = physician,
                    },
                ],
            },
        };
        return [sharing, link];
    }
}
