using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Audit.Contracts;

/// <summary>
/// Every audit record about one patient — allowed and refused accesses, by physicians, staff and the patient — newest
/// first, for the DPO's FHIR <c>AuditEvent</c> search. Patient-scoped with the access-report action: the guard lets
/// only staff through (never a physician, whatever his link) and this read is itself audited.
/// </summary>
/// <param name="PatientId">The patient.</param>
/// <param name="From">Records at or after this instant (UTC), if given.</param>
/// <param name="Before">Records before this instant (UTC), if given.</param>
/// <param name="Offset">Records to skip (paging).</param>
/// <param name="Count">Records to return at most (0 counts only).</param>
public sealed record GetPatientAuditTrail(Guid PatientId, DateTimeOffset? From, DateTimeOffset? Before, int Offset, int Count)
    : IRequest<PatientAuditTrail>, IPatientScoped
{
    /// <inheritdoc />
    public string AuditAction => PatientScopedActions.AccessReport;
}

/// <summary>One page of a patient's audit trail.</summary>
/// <param name="Total">How many records match, all pages together.</param>
/// <param name="Entries">This page, newest first.</param>
public sealed record PatientAuditTrail(int Total, IReadOnlyList<AuditTrailEntry> Entries);

/// <summary>One audit record, as stored (never a NISS: the trail holds none).</summary>
/// <param name="Sequence">Its position in the chain.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Action">What was done (<see cref="PatientScopedActions"/>).</param>
/// <param name="Outcome">Allowed, denied or failed.</param>
/// <param name="ActorUserId">Who, if signed in.</param>
/// <param name="ActorName">The actor's name at the time.</param>
/// <param name="ActorInami">The physician's INAMI digits.</param>
/// <param name="ClientAddress">The client address the host saw.</param>
/// <param name="DocumentId">The document concerned.</param>
/// <param name="DocumentTitle">Its title at the time.</param>
/// <param name="Purpose"><c>TREAT</c> or <c>ETREAT</c> for clinical access.</param>
/// <param name="Reason">The decision's reason (<c>link</c>, <c>no-link</c>, <c>excluded</c>…).</param>
public sealed record AuditTrailEntry(
    long Sequence,
    DateTimeOffset At,
    string Action,
    AuditOutcome Outcome,
    Guid? ActorUserId,
    string? ActorName,
    string? ActorInami,
    string? ClientAddress,
    Guid? DocumentId,
    string? DocumentTitle,
    string? Purpose,
    string? Reason);
