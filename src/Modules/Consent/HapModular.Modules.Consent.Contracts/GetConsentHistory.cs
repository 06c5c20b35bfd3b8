using MediatR;

namespace HapModular.Modules.Consent.Contracts;

/// <summary>
/// Every consent, link, exclusion and emergency-access event of a patient, oldest first, with who and when.
/// For patient-desk staff, the DPO and the patient's own report; never for physicians' pages.
/// </summary>
/// <param name="PatientId">The patient.</param>
public sealed record GetConsentHistory(Guid PatientId) : IRequest<IReadOnlyList<ConsentHistoryEntry>>;

/// <summary>One event of a patient's history.</summary>
/// <param name="At">When it happened (UTC).</param>
/// <param name="Kind">
/// Event code: <c>link-declared</c>, <c>link-proof-attached</c>, <c>link-activated</c>, <c>link-renewed</c>,
/// <c>link-revoked</c>, <c>link-expired</c>, <c>consent-given</c>, <c>consent-revoked</c>, <c>consent-deceased</c>,
/// <c>exclusion-added</c>, <c>exclusion-lifted</c>, <c>emergency-granted</c>, <c>emergency-reviewed</c>.
/// </param>
/// <param name="ActorName">Who did it, as named at the time.</param>
/// <param name="ActorRole"><c>physician</c>, <c>patient-desk</c>, <c>admin</c>, <c>dpo</c> or <c>system</c>.</param>
/// <param name="PhysicianName">The physician concerned (link, exclusion, grant), if any.</param>
/// <param name="LinkType">The link type (R2), for link events.</param>
/// <param name="Until">End of a link period or of an emergency grant, when the event sets one.</param>
/// <param name="Detail">Method, reason, category or review comment; never a NISS.</param>
/// <param name="RequestReference">The patient's request reference noted by the desk, if any.</param>
/// <param name="StreamId">The link, consent, exclusion or grant stream the event belongs to.</param>
public sealed record ConsentHistoryEntry(
    DateTimeOffset At,
    string Kind,
    string ActorName,
    string ActorRole,
    string? PhysicianName,
    string? LinkType,
    DateTimeOffset? Until,
    string? Detail,
    string? RequestReference,
    Guid StreamId);
