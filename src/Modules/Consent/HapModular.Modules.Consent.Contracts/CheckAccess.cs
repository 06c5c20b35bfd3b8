using MediatR;

namespace HapModular.Modules.Consent.Contracts;

/// <summary>
/// The access decision of R1 for one physician and one patient, at the host's <c>TimeProvider</c> now:
/// consent given, an active link (or an active emergency grant), no exclusion on INAMI digits 1–8.
/// Asked by the patient-data guard only; handlers never re-implement it.
/// </summary>
/// <param name="UserId">The physician's user id.</param>
/// <param name="Inami">The physician's INAMI digits (exclusions match on the first 8).</param>
/// <param name="PatientId">The patient.</param>
public sealed record CheckAccess(Guid UserId, string? Inami, Guid PatientId) : IRequest<AccessDecision>;

/// <summary>The decision, with what the audit and the UI need.</summary>
/// <param name="Allowed">Whether access is allowed.</param>
/// <param name="Reason">Machine-readable reason: <c>link</c>, <c>emergency</c>, <c>no-consent</c>, <c>excluded</c>, <c>no-link</c>, <c>inactive-account</c>.</param>
/// <param name="Purpose"><c>TREAT</c> through a link, <c>ETREAT</c> through an emergency grant; null when denied.</param>
/// <param name="LinkOrGrantId">The link or grant used.</param>
/// <param name="LinkType">The link type code (R2) when through a link.</param>
/// <param name="ValidUntil">End of the link or grant.</param>
/// <param name="CanRequestLink">True only when the sole failing condition is the missing link (R1: offer declare / emergency).</param>
public sealed record AccessDecision(
    bool Allowed,
    string Reason,
    string? Purpose,
    Guid? LinkOrGrantId,
    string? LinkType,
    DateTimeOffset? ValidUntil,
    bool CanRequestLink);
