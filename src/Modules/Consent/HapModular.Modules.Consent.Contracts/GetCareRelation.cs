using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Consent.Contracts;

/// <summary>
/// What lets the calling physician see this patient: the patient's consent to sharing (R3) and the caller's own
/// therapeutic link or emergency grant (R2, R5) — for the FHIR <c>Consent</c> resources. Patient-scoped: the guard
/// decides and audits, a physician without access gets the neutral denial, and nothing here names another physician.
/// </summary>
/// <param name="PatientId">The patient.</param>
public sealed record GetCareRelation(Guid PatientId) : IRequest<CareRelation>, IPatientScoped
{
    /// <inheritdoc />
    public string AuditAction => PatientScopedActions.Read;
}

/// <summary>The patient's consent and the caller's access.</summary>
/// <param name="Consent">The patient's consent to electronic sharing (given, since when, how).</param>
/// <param name="Access">The caller's link or emergency grant that the guard used.</param>
public sealed record CareRelation(PatientConsentState Consent, CareAccess Access);

/// <summary>The patient's consent to electronic sharing.</summary>
/// <param name="Id">The consent's stream id (stable).</param>
/// <param name="Given">Whether it is given today (always true when the guard let a physician through).</param>
/// <param name="Method">How it was recorded (<c>desk</c>, <c>signed-form</c>…), as stored.</param>
/// <param name="ChangedAt">When it was last given or changed (UTC).</param>
public sealed record PatientConsentState(Guid Id, bool Given, string? Method, DateTimeOffset ChangedAt);

/// <summary>The caller's own access to the patient.</summary>
/// <param name="Id">The link's or grant's stream id.</param>
/// <param name="Purpose"><c>TREAT</c> through a therapeutic link, <c>ETREAT</c> through an emergency grant.</param>
/// <param name="LinkType">The link type code (R2), for a link.</param>
/// <param name="EmergencyCategory">The emergency category, for a grant.</param>
/// <param name="Start">When the access began (UTC).</param>
/// <param name="End">When it ends unless renewed (UTC).</param>
public sealed record CareAccess(Guid Id, string Purpose, string? LinkType, string? EmergencyCategory, DateTimeOffset Start, DateTimeOffset End);
