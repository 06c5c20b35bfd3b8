using MediatR;

namespace HapModular.Modules.Audit.Contracts;

/// <summary>
/// What the physician opened under one therapeutic link or emergency grant (the audit records that name it), oldest first: the
/// DPO reviews an emergency access with what it was used for. At most 500 records.
/// </summary>
/// <param name="LinkOrGrantId">The link or grant id the guard wrote into each record.</param>
public sealed record GetGrantAccesses(Guid LinkOrGrantId) : IRequest<IReadOnlyList<AuditedAccess>>;

/// <summary>One audited access.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="Action">The audit action code (read, render, download…).</param>
/// <param name="Outcome">Allowed or denied.</param>
/// <param name="DocumentId">The document, when one was opened.</param>
/// <param name="DocumentTitle">Its title when it was opened, if any.</param>
public sealed record AuditedAccess(DateTimeOffset At, string Action, AuditOutcome Outcome, Guid? DocumentId, string? DocumentTitle);
