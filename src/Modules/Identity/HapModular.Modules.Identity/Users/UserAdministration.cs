using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Identity.Accounts;
using HapModular.Modules.Identity.Auditing;
using HapModular.Modules.Identity.Emails;
using HapModular.Modules.Identity.Enrolment;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using Marten;
using Microsoft.AspNetCore.Http;

namespace HapModular.Modules.Identity.Users;

/// <summary>Admin operations on accounts; each one is audited, and each one that removes rights ends sessions.</summary>
internal sealed class UserAdministration(IIdentityStore store, AccountLinks links, AccountEmails emails, SecurityAudit audit, ICurrentUser admin, TimeProvider time)
{
    public static readonly IReadOnlyList<string> AllRoles = [Roles.Physician, Roles.PatientDesk, Roles.Admin, Roles.Dpo];

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var accounts = await session.Query<Account>().Where(a => a.Status != AccountStatus.Requested && a.Status != AccountStatus.Rejected).ToListAsync(cancellationToken);
        return accounts.OrderBy(a => a.LastName).ThenBy(a => a.FirstName).ToList();
    }

    /// <summary>A staff account (no INAMI); the person receives an enrolment link. False when the e-mail is taken.</summary>
    public async Task<bool> CreateStaffAsync(string firstName, string lastName, string email, string role, HttpRequest request, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var normalized = email.Trim().ToLowerInvariant();
        if (await session.Query<Account>().AnyAsync(a => a.Email == normalized && a.Status != AccountStatus.Rejected, cancellationToken))
        {
            return false;
        }

        var account = new Account
        {
            Id = Guid.NewGuid(),
            Email = normalized,
            FirstName = firstName.Trim(),
            LastName = lastName.Trim(),
            Roles = [role],
            Status = AccountStatus.Enrolling,
            CreatedAt = time.GetUtcNow(),
            DecidedAt = time.GetUtcNow(),
            DecidedBy = admin.UserId,
        };
        session.Store(account);
        var (link, hash, expires) = links.Issue(session, account, TokenPurpose.Enrolment);
        await session.SaveChangesAsync(cancellationToken);
        await emails.SendEnrolmentAsync(account, link, hash, expires, cancellationToken);
        await audit.RecordAsync("account-create", AuditOutcome.Allowed, reason: $"account {account.Id} role {role}", cancellationToken: cancellationToken);
        return true;
    }

    public Task SetRolesAsync(Guid id, IReadOnlyCollection<string> roles, CancellationToken cancellationToken) =>
        ChangeAsync(id, "role-change", account =>
        {
            account.Roles = AllRoles.Where(roles.Contains).ToList();
            account.SecurityStamp = Guid.NewGuid().ToString("N");
            return $"roles {string.Join(',', account.Roles)}";
        }, cancellationToken);

    public Task DeactivateAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, "deactivate", account =>
        {
            account.Status = AccountStatus.Deactivated;
            account.SecurityStamp = Guid.NewGuid().ToString("N");
            return null;
        }, cancellationToken);

    public Task ReactivateAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, "reactivate", account =>
        {
            account.Status = account.PasswordHash is null ? AccountStatus.Enrolling : AccountStatus.Active;
            account.Failures = 0;
            account.LockedUntil = null;
            return null;
        }, cancellationToken);

    public Task SetReverificationAsync(Guid id, DateOnly? date, CancellationToken cancellationToken) =>
        ChangeAsync(id, "reverification-date", account =>
        {
            account.ReverifyOn = date;
            return date?.ToString("O");
        }, cancellationToken);

    private async Task ChangeAsync(Guid id, string action, Func<Account, string?> change, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var account = await session.LoadAsync<Account>(id, cancellationToken);
        if (account is null || account.Status is AccountStatus.Requested or AccountStatus.Rejected)
        {
            return;
        }

        var detail = change(account);
        session.Store(account);
        await session.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(action, AuditOutcome.Allowed, reason: $"account {account.Id}" + (detail is null ? string.Empty : " " + detail), cancellationToken: cancellationToken);
    }
}
