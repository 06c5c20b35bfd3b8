using System.Globalization;
using HapModular.Modules.Audit.Contracts;
using HapModular.SharedKernel;
using Hl7.Fhir.Model;

namespace HapModular.Modules.Interop.Fhir.AuditEvents;

/// <summary>
/// One audit record as a FHIR <c>AuditEvent</c>, shaped after IHE Basic Audit Log Patterns (BALP): a patient-record
/// event (DICOM 110110) whose subtype is the portal's action, the user as the requesting agent (name, INAMI, network
/// address), the purpose of use, the portal as the observer, and the patient and document as entities. The id is the
/// record's place in the chain, so the DPO can check it with <c>audit-verify</c>.
/// </summary>
internal static class AuditEventResource
{
    /// <summary>The portal's audit actions (<see cref="PatientScopedActions"/> and security events).</summary>
    public const string ActionSystem = "urn:hapmodular:audit-action";

    private const string Dcm = "http://dicom.nema.org/resources/ontology/DCM";
    private const string EntityTypeSystem = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    private const string ObjectRoleSystem = "http://terminology.hl7.org/CodeSystem/object-role";

    public static AuditEvent From(Guid patientId, AuditTrailEntry entry, string fhirBase)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var audit = new AuditEvent
        {
            Id = entry.Sequence.ToString(CultureInfo.InvariantCulture),
            Type = new Coding(Dcm, "110110", "Patient Record"),
            Subtype = [new Coding(ActionSystem, entry.Action)],
            Action = ActionOf(entry.Action),
            Recorded = entry.At,
            Outcome = entry.Outcome switch
            {
                AuditOutcome.Allowed => AuditEvent.AuditEventOutcome.N0,
                AuditOutcome.Denied => AuditEvent.AuditEventOutcome.N4,
                _ => AuditEvent.AuditEventOutcome.N8,
            },
            OutcomeDesc = entry.Reason,
            Agent = [Agent(entry)],
            Source = new AuditEvent.SourceComponent
            {
                Site = "HapModular",
                Observer = new ResourceReference { Display = "HapModular portal" },
                Type = [new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server")],
            },
            Entity =
            [
                new AuditEvent.EntityComponent
                {
                    What = new ResourceReference("Patient/" + FhirIds.Of(patientId)),
                    Type = new Coding(EntityTypeSystem, "1", "Person"),
                    Role = new Coding(ObjectRoleSystem, "1", "Patient"),
                },
            ],
        };
        if (entry.Purpose is { Length: > 0 } purpose)
        {
            audit.PurposeOfEvent = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ActReason", purpose)];
        }

        if (entry.DocumentId is { } documentId)
        {
            audit.Entity.Add(new AuditEvent.EntityComponent
            {
                What = new ResourceReference($"{fhirBase}/DocumentReference/{FhirIds.Of(documentId)}"),
                Type = new Coding(EntityTypeSystem, "2", "System Object"),
                Role = new Coding(ObjectRoleSystem, "4", "Domain Resource"),
                Name = entry.DocumentTitle,
            });
        }

        return audit;
    }

    private static AuditEvent.AgentComponent Agent(AuditTrailEntry entry)
    {
        var who = new ResourceReference { Display = entry.ActorName ?? (entry.ActorUserId is null ? "patient (letter code) or anonymous" : null) };
        if (entry.ActorInami is { Length: > 0 } inami)
        {
            who.Identifier = new Identifier(Consents.ConsentResources.InamiSystem, inami);
        }

        var agent = new AuditEvent.AgentComponent
        {
            Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient"),
            Who = who,
            AltId = entry.ActorUserId is { } id ? FhirIds.Of(id) : null,
            Requestor = true,
        };
        if (entry.ClientAddress is { Length: > 0 } address)
        {
            agent.Network = new AuditEvent.NetworkComponent { Address = address, Type = AuditEvent.AuditEventAgentNetworkType.N2 };
        }

        return agent;
    }

    /// <summary>Reads are R, searches E (as BALP for a search), protective changes U, everything else E.</summary>
    private static AuditEvent.AuditEventAction ActionOf(string action) => action switch
    {
        PatientScopedActions.Read or PatientScopedActions.Render or PatientScopedActions.Download or PatientScopedActions.ImagingOpen
            or PatientScopedActions.ImagingRetrieve or PatientScopedActions.AccessReport or PatientScopedActions.OwnAccessReport
            or PatientScopedActions.DeskDocuments or PatientScopedActions.DeskIdentity => AuditEvent.AuditEventAction.R,
        PatientScopedActions.Mask or PatientScopedActions.Unmask or PatientScopedActions.OwnRevokeLink or PatientScopedActions.OwnExclude
            or PatientScopedActions.OwnWithdrawConsent => AuditEvent.AuditEventAction.U,
        _ => AuditEvent.AuditEventAction.E,
    };
}
