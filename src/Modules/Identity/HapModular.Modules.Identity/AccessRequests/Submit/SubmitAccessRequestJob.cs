using Hangfire;
using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Auditing;
using HapModular.Modules.Identity.Emails;
using HapModular.Modules.Shared.Jobs;
using HapModular.SharedKernel;
using Marten;

namespace HapModular.Modules.Identity.AccessRequests.Submit;

/// <summary>
/// Records an access request as an account in <see cref="AccountStatus.Requested"/>, in the background. A request for
/// an INAMI identity that already has an account (requested, approved, active or deactivated) changes nothing — the
/// page answered the same, so the form does not reveal who has an account — but the existing account's own address
/// is told by e-mail, and the page says what happens then. A rejected request may be made again.
/// </summary>
[FormerJobName("HapModular.Modules.Identity.Pages.AccessRequest.SubmitAccessRequestJob, HapModular.Modules.Identity")]
internal sealed class SubmitAccessRequestJob(IIdentityStore store, IdentitySettings settings, SecurityAudit audit, AccountEmails emails)
{
    /// <summary>
    /// One at a time (all hosts): two requests for one INAMI or one address must not both find it free. Not
    /// necessarily in arrival order: of two near-simultaneous requests for one address, either may be the one kept.
    /// </summary>
    [AutomaticRetry(Attempts = 5)]
    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    public async Task RunAsync(Guid pendingId, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<PendingAccessRequest>(pendingId, cancellationToken) is not { } pending)
        {
            return;
        }

        await SubmitAsync(session, pending, Inami.Parse(pending.Inami), cancellationToken);
        session.Delete(pending);
        await session.SaveChangesAsync(cancellationToken);
    }

    private async Task SubmitAsync(IDocumentSession session, PendingAccessRequest pending, Inami inami, CancellationToken cancellationToken)
    {
        var form = pending.Form;
        var existing = await session.Query<Accounts.Account>().Where(a => a.InamiIdentity == inami.Identity).ToListAsync(cancellationToken);
        if (existing.Any(a => a.Status != AccountStatus.Rejected))
        {
            await Audit(AuditOutcome.Denied, null, "duplicate-identity");
            foreach (var holder in existing.Where(a => a.Status != AccountStatus.Rejected && !string.IsNullOrEmpty(a.Email)))
            {
                // Keyed by the request: a retried job does not mail twice.
                await emails.SendDuplicateRequestAsync(holder, form.Email!.Trim(), settings.PublicBaseUrl.AbsoluteUri, pending.Id, cancellationToken);
            }

            return;
        }

        // One address, one account: a request with another account's address (any INAMI) creates nothing, and the
        // answer was the same, so the form does not reveal which addresses have accounts.
        var email = form.Email!.Trim().ToLowerInvariant();
        if (await session.Query<Accounts.Account>().AnyAsync(a => a.Email == email && a.Status != AccountStatus.Rejected && a.InamiIdentity != inami.Identity, cancellationToken))
        {
            await Audit(AuditOutcome.Denied, null, "duplicate-email");
            return;
        }

        var account = existing.OrderByDescending(a => a.CreatedAt).FirstOrDefault() ?? new Accounts.Account { Id = Guid.NewGuid(), CreatedAt = pending.RequestedAt };
        account.Status = AccountStatus.Requested;
        account.Roles = [Roles.Physician];
        account.FirstName = form.FirstName!.Trim();
        account.LastName = form.LastName!.Trim();
        account.Email = email;
        account.Phone = form.Phone?.Trim();
        account.PracticeAddress = form.PracticeAddress?.Trim();
        account.Inami = inami.Digits;
        account.InamiIdentity = inami.Identity;
        account.Specialty = pending.Specialty;
        account.TermsVersion = settings.TermsVersion;
        account.TermsAcceptedAt = pending.RequestedAt;
        account.Language = pending.Language;
        account.DecidedAt = null;
        account.DecidedBy = null;
        account.RejectionReason = null;
        session.Store(account);
        // With the account, in one transaction: a retry after this point does not take its own account for a duplicate.
        session.Delete(pending);
        await session.SaveChangesAsync(cancellationToken);
        await Audit(AuditOutcome.Allowed, account, null);

        Task Audit(AuditOutcome outcome, Accounts.Account? actor, string? reason) =>
            audit.RecordAsync("access-request", outcome, actor, reason, pending.ClientAddress, cancellationToken);
    }
}
