using HapModular.Modules.Consent.Contracts;

namespace HapModular.Modules.Shared.Access;

/// <summary>
/// What the shared guard established for the current request (one per request scope): Consent's decision (link type
/// and end for the timeline header) and who the viewer is. Handlers read it; they never decide access.
/// </summary>
public sealed class PatientAccessContext
{
    /// <summary>Consent's decision for a physician, or null for staff and the patient in person.</summary>
    public AccessDecision? Decision { get; internal set; }

    /// <summary>The physician's INAMI digits: the documents this physician masked as their author stay visible to them (R6).</summary>
    public string? ViewerInami { get; internal set; }

    /// <summary>Whether the caller may see clinical content (a physician through the guard), or only metadata and reports.</summary>
    public bool ClinicalAccess { get; internal set; }

    /// <summary>The patients the guard allowed a request for in this request scope: the patient banner shows only those.</summary>
    public IReadOnlySet<Guid> AllowedPatients => allowedPatients;

    /// <summary>Whether the guard refused any request in this scope: a denial page then shows no banner at all.</summary>
    public bool Refused { get; internal set; }

    private readonly HashSet<Guid> allowedPatients = [];

    internal void Allow(Guid patientId) => allowedPatients.Add(patientId);
}
