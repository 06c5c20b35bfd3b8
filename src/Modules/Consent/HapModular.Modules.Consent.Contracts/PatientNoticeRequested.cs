using MediatR;

namespace HapModular.Modules.Consent.Contracts;

/// <summary>
/// Published by Consent after it committed an event the patient must be told about (R8): a link created, an emergency
/// access, a consent change made by someone else, an exclusion confirmed. The Notifications module turns it into a
/// letter; <see cref="EventKey"/> is stable per event, so publishing twice never gives two letters.
/// Delivery is at least once: the notice is kept in an outbox committed with the event and re-published until a
/// publish succeeds, so every handler must be idempotent on <see cref="EventKey"/>.
/// </summary>
/// <param name="EventKey">Stable key of the event (<c>stream id:version</c>).</param>
/// <param name="Kind">What happened.</param>
/// <param name="PatientId">The patient to write to.</param>
/// <param name="OccurredAt">When it happened (UTC).</param>
/// <param name="PhysicianUserId">The physician concerned, when it is a portal user.</param>
/// <param name="PhysicianName">The physician's name as recorded (fallback when not a user, e.g. an exclusion by INAMI).</param>
/// <param name="PhysicianInami">The physician's INAMI digits (11, or the 8 identity digits for exclusions).</param>
/// <param name="LinkType">Link type code (R2) for a created link.</param>
/// <param name="ValidFrom">Start of the link or grant.</param>
/// <param name="ValidUntil">End of the link or grant.</param>
/// <param name="ConsentStatus">For consent changes: <c>given</c>, <c>revoked</c>, or <c>withdrawn-by-patient</c> (the patient's own decision, confirmed).</param>
public sealed record PatientNoticeRequested(
    string EventKey,
    PatientNoticeKind Kind,
    Guid PatientId,
    DateTimeOffset OccurredAt,
    Guid? PhysicianUserId = null,
    string? PhysicianName = null,
    string? PhysicianInami = null,
    string? LinkType = null,
    DateTimeOffset? ValidFrom = null,
    DateTimeOffset? ValidUntil = null,
    string? ConsentStatus = null) : INotification;

/// <summary>Why the patient gets a letter.</summary>
public enum PatientNoticeKind
{
    /// <summary>A therapeutic link was created (or renewed).</summary>
    LinkCreated,

    /// <summary>A physician used emergency access ("break the glass").</summary>
    EmergencyAccess,

    /// <summary>The patient's consent to electronic sharing was changed by someone else (e.g. the desk).</summary>
    ConsentChanged,

    /// <summary>The patient's exclusion of a physician is in force.</summary>
    ExclusionConfirmed,

    /// <summary>The patient revoked a physician's link themselves (with their letter's code): the confirmation.</summary>
    LinkEnded,
}
