using System.Globalization;
using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Auditing;
using HapModular.Modules.Identity.Emails;
using HapModular.SharedKernel;
using Marten;

namespace HapModular.Modules.Identity.AccessRequests;

/// <summary>
/// Records an access request as an account in <see cref="AccountStatus.Requested"/>. A request for an INAMI
/// identity that already has an account (requested, approved, active or deactivated) changes nothing; the caller
/// answers the same way, so the form does not reveal who has an account — but the existing account's own address is
/// told by e-mail, and the page says what happens then. A rejected request may be made again.
/// </summary>
internal sealed class AccessRequestService(IIdentityStore store, IdentitySettings settings, SecurityAudit audit, AccountEmails emails, TimeProvider time)
{
    public async Task SubmitAsync(AccessRequestForm form, Inami inami, string specialty, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var existing = await session.Query<Account>().Where(a => a.InamiIdentity == inami.Identity).ToListAsync(cancellationToken);
        if (existing.Any(a => a.Status != AccountStatus.Rejected))
        {
            await audit.RecordAsync("access-request", AuditOutcome.Denied, reason: "duplicate-identity", cancellationToken: cancellationToken);
            foreach (var holder in existing.Where(a => a.Status != AccountStatus.Rejected && !string.IsNullOrEmpty(a.Email)))
            {
                await emails.SendDuplicateRequestAsync(holder, form.Email!.Trim(), settings.PublicBaseUrl.AbsoluteUri, time.GetUtcNow(), cancellationToken);
            }

            return;
        }

        // One address, one account: a request with another account's address (any INAMI) creates nothing, and the
        // answer is the same, so the form does not reveal which addresses have accounts.
        var email = form.Email!.Trim().ToLowerInvariant();
        if (await session.Query<Account>().AnyAsync(a => a.Email == email && a.Status != AccountStatus.Rejected && a.InamiIdentity != inami.Identity, cancellationToken))
        {
            await audit.RecordAsync("access-request", AuditOutcome.Denied, reason: "duplicate-email", cancellationToken: cancellationToken);
            return;
        }

        var now = time.GetUtcNow();
        var account = existing.OrderByDescending(a => a.CreatedAt).FirstOrDefault() ?? new Account { Id = Guid.NewGuid(), CreatedAt = now };
        account.Status = AccountStatus.Requested;
        account.Roles = [Roles.Physician];
        account.FirstName = form.FirstName!.Trim();
        account.LastName = form.LastName!.Trim();
        account.Email = email;
        account.Phone = form.Phone?.Trim();
        account.PracticeAddress = form.PracticeAddress?.Trim();
        account.Inami = inami.Digits;
        account.InamiIdentity = inami.Identity;
        account.Specialty = specialty;
        account.TermsVersion = settings.TermsVersion;
        account.TermsAcceptedAt = now;
        account.Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        account.DecidedAt = null;
        account.DecidedBy = null;
        account.RejectionReason = null;
        session.Store(account);
        await session.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("access-request", AuditOutcome.Allowed, account, cancellationToken: cancellationToken);
    }
}
