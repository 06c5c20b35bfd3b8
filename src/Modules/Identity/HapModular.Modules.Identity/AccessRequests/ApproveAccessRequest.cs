using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Auditing;
using HapModular.Modules.Identity.Emails;
using HapModular.Modules.Identity.Enrolment;
using HapModular.Modules.Shared;

namespace HapModular.Modules.Identity.AccessRequests;

/// <summary>An admin approves a request: the physician gets a one-time enrolment link by e-mail.</summary>
internal sealed class ApproveAccessRequest(IIdentityStore store, AccountLinks links, AccountEmails emails, SecurityAudit audit, ICurrentUser admin, TimeProvider time)
{
    /// <summary>False when the request was decided already (by another admin, or twice).</summary>
    public async Task<bool> RunAsync(Guid id, CancellationToken cancellationToken)
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
}
