namespace HapModular.Modules.Consent.Domain;

// Every event says when (the host's TimeProvider, not the database clock) and who, so the history reads by itself.

/// <summary>A physician declared a link (a new period of the (physician, patient) stream); not active until proven.</summary>
internal sealed record LinkDeclared(
    Guid PatientId, Guid PhysicianUserId, string PhysicianInami, string PhysicianName, string LinkType, DateTimeOffset At, Actor By);

/// <summary>The proof of the link (e.g. the scan of the signed consent in the blob store).</summary>
internal sealed record LinkProofAttached(string ProofType, string? ProofReference, DateTimeOffset At, Actor By);

/// <summary>The link is active from <see cref="Start"/> until <see cref="End"/> (exclusive).</summary>
internal sealed record LinkActivated(DateTimeOffset Start, DateTimeOffset End, DateTimeOffset At, Actor By);

/// <summary>A new period with a new proof.</summary>
internal sealed record LinkRenewed(string ProofType, string? ProofReference, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset At, Actor By);

/// <summary>
/// Revoked by the patient (in person with their letter's code, or through the desk), the physician or the hospital, with
/// why (a reason code, or the desk's words), the request reference and, for a physician, an optional note.
/// </summary>
internal sealed record LinkRevoked(string Reason, string? RequestReference, DateTimeOffset At, Actor By, string? Note = null);

/// <summary>The period ended (recorded by the daily sweep; access already stopped at the end date).</summary>
internal sealed record LinkExpired(DateTimeOffset End, DateTimeOffset At, Actor By);
