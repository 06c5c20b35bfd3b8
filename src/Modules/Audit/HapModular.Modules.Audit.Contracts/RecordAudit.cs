using MediatR;

namespace HapModular.Modules.Audit.Contracts;

/// <summary>
/// Appends one record to the tamper-evident audit trail (R7). Sent by the patient-data guard for every access
/// decision and by Identity/Consent for security events. Never put a NISS, a password, a secret or document
/// content in any field.
/// </summary>
/// <param name="Action">What was done: <c>read</c>, <c>search</c>, <c>render</c>, <c>download</c>, <c>sign-in</c>, <c>approve</c>…</param>
/// <param name="Outcome">Allowed / denied, succeeded / failed.</param>
/// <param name="ActorUserId">Who did it, or null for anonymous or system.</param>
/// <param name="ActorName">The actor's display name at the time (kept: accounts change).</param>
/// <param name="ActorInami">The physician's INAMI digits, when the actor is a physician.</param>
/// <param name="ClientAddress">The client IP the host saw.</param>
/// <param name="PatientId">The patient concerned, if any.</param>
/// <param name="DocumentId">The document concerned, if any.</param>
/// <param name="DocumentTitle">The document's title at the time, for the patient's access report.</param>
/// <param name="Purpose"><c>TREAT</c> or <c>ETREAT</c> for clinical access; null otherwise.</param>
/// <param name="Reason">Why (the access decision's reason, a failure reason); no personal data.</param>
/// <param name="LinkOrGrantId">The therapeutic link or emergency grant that allowed the access.</param>
public sealed record RecordAudit(
    string Action,
    AuditOutcome Outcome,
    Guid? ActorUserId,
    string? ActorName,
    string? ActorInami,
    string? ClientAddress,
    Guid? PatientId = null,
    Guid? DocumentId = null,
    string? DocumentTitle = null,
    string? Purpose = null,
    string? Reason = null,
    Guid? LinkOrGrantId = null) : IRequest<AuditReceipt>;

/// <summary>The outcome recorded.</summary>
public enum AuditOutcome
{
    /// <summary>The access or operation was allowed and done.</summary>
    Allowed,

    /// <summary>The access was refused.</summary>
    Denied,

    /// <summary>The operation failed (e.g. wrong password).</summary>
    Failed,
}

/// <summary>Where the record landed in the chain.</summary>
/// <param name="Sequence">Its position (1, 2, 3…).</param>
/// <param name="Hash">Its hash (hex SHA-256 over the previous hash and its own content).</param>
public sealed record AuditReceipt(long Sequence, string Hash);

/// <summary>Published after an audit record is committed.</summary>
/// <param name="Sequence">Its position.</param>
/// <param name="Action">Its action.</param>
/// <param name="Outcome">Its outcome.</param>
public sealed record AuditRecorded(long Sequence, string Action, AuditOutcome Outcome) : INotification;
