using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Auditing;
using HapModular.Modules.Identity.Emails;
using HapModular.Modules.Shared;

namespace HapModular.Modules.Identity.AccessRequests;

/// <summary>An admin rejects a request with a reason, which the requester receives by e-mail.</summary>
internal sealed class RejectAccessRequest(IIdentityStore store, AccountEmails emails, SecurityAudit audit, ICurrentUser admin, TimeProvider time)
{
    /// <summary>False when the request was decided already (by another admin, or twice).</summary>
    public async Task<bool> RunAsync(Guid id, string reason, CancellationToken cancellationToken)
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
