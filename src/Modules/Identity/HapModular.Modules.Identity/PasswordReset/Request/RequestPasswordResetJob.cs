using Hangfire;
using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Auditing;
using HapModular.Modules.Identity.Emails;
using HapModular.Modules.Shared.Jobs;
using HapModular.Modules.Identity.Enrolment;
using Marten;

namespace HapModular.Modules.Identity.PasswordReset.Request;

/// <summary>
/// The account-dependent half, in the background: when an active account has the address, a one-time link is
/// issued, mailed (at most <see cref="MaxRequestsPerHour"/> an hour) and audited; otherwise nothing. The pending
/// row goes last, so a retry after a failure may mail a second link, never none.
/// </summary>
[FormerJobName("HapModular.Modules.Identity.Pages.Account.ForgotPassword.RequestPasswordResetJob, HapModular.Modules.Identity")]
internal sealed class RequestPasswordResetJob(IIdentityStore store, AccountLinks links, AccountEmails emails, SecurityAudit audit, TimeProvider time)
{
    /// <summary>Reset e-mails one account may receive per hour: the form is public, so anyone could flood a mailbox.</summary>
    public const int MaxRequestsPerHour = 3;

    /// <summary>One at a time (all hosts): parallel requests for one account must not all pass the hourly cap.</summary>
    [AutomaticRetry(Attempts = 5)]
    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    public async Task RunAsync(Guid pendingId, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<PendingPasswordReset>(pendingId, cancellationToken) is not { } pending)
        {
            return;
        }

        var account = pending.Email.Length == 0 ? null : await session.Query<Accounts.Account>().FirstOrDefaultAsync(a => a.Email == pending.Email && a.Status == AccountStatus.Active, cancellationToken);
        if (account is not null)
        {
            await SendLinkAsync(session, account, pending.ClientAddress, cancellationToken);
        }

        session.Delete(pending);
        await session.SaveChangesAsync(cancellationToken);
    }

    private async Task SendLinkAsync(IDocumentSession session, Accounts.Account account, string? clientAddress, CancellationToken cancellationToken)
    {
        var hourAgo = time.GetUtcNow().AddHours(-1);
        var recent = await session.Query<AccountToken>()
            .CountAsync(t => t.AccountId == account.Id && t.Purpose == TokenPurpose.PasswordReset && t.IssuedAt > hourAgo, cancellationToken);
        if (recent >= MaxRequestsPerHour)
        {
            // The requester got the same answer as in any other case: nothing tells them the cap was reached.
            await audit.RecordAsync("password-reset-request", AuditOutcome.Denied, account, "throttled", clientAddress, cancellationToken);
            return;
        }

        var (link, hash, _) = links.Issue(session, account, TokenPurpose.PasswordReset);
        await session.SaveChangesAsync(cancellationToken);
        await emails.SendPasswordResetAsync(account, link, hash, cancellationToken);
        await audit.RecordAsync("password-reset-request", AuditOutcome.Allowed, account, clientAddress: clientAddress, cancellationToken: cancellationToken);
    }
}
