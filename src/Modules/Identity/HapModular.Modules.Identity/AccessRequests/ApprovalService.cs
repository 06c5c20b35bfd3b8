using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Auditing;
using HapModular.Modules.Identity.Emails;
using HapModular.Modules.Identity.Enrolment;
using HapModular.Modules.Shared;
using Marten;
using Microsoft.AspNetCore.Http;

namespace HapModular.Modules.Identity.AccessRequests;

/// <summary>An admin's decision on a request: approve (enrolment link by e-mail) or reject with a reason.</summary>
internal sealed class ApprovalService(IIdentityStore store, AccountLinks links, AccountEmails emails, SecurityAudit audit, ICurrentUser admin, TimeProvider time)
{
    public async Task<IReadOnlyList<Account>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var pending = await session.Query<Account>().Where(a => a.Status == AccountStatus.Requested).ToListAsync(cancellationToken);
        return pending.OrderBy(a => a.CreatedAt).ToList();
    }

    public async Task<bool> ApproveAsync(Guid id, HttpRequest request, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var account = await session.LoadAsync<Account>(id, cancellationToken);
        if (account?.Status != AccountStatus.Requested)
        {
            return false;
        }

        var now = time.GetUtcNow();
        account.Status = AccountStatus.Enrolling;
        account.DecidedAt = now;
        account.DecidedBy = admin.UserId;
        account.ReverifyOn = DateOnly.FromDateTime(now.UtcDateTime.AddYears(1));
        session.Store(account);
        var (link, hash, expires) = links.Issue(session, account, TokenPurpose.Enrolment);
        await session.SaveChangesAsync(cancellationToken);
        await emails.SendEnrolmentAsync(account, link, hash, expires, cancellationToken);
        await audit.RecordAsync("access-approve", AuditOutcome.Allowed, reason: $"account {account.Id}", cancellationToken: cancellationToken);
        return true;
    }

    public async Task<bool> RejectAsync(Guid id, string reason, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var account = await session.LoadAsync<Account>(id, cancellationToken);
        if (account?.Status != AccountStatus.Requested)
        {
            return false;
        }

        account.Status = AccountStatus.Rejected;
        account.DecidedAt = time.GetUtcNow();
        account.DecidedBy = admin.UserId;
        account.RejectionReason = reason.Trim();
        session.Store(account);
        await session.SaveChangesAsync(cancellationToken);
        await emails.SendRejectionAsync(account, account.RejectionReason, cancellationToken);
        // The reason is free text about a person: the audit keeps only which account was rejected.
        await audit.RecordAsync("access-reject", AuditOutcome.Allowed, reason: $"account {account.Id}", cancellationToken: cancellationToken);
        return true;
    }
}
