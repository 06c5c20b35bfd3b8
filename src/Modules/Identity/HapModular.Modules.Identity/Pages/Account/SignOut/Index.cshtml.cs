using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Identity.Auditing;
using HapModular.Modules.Identity.Authentication;
using HapModular.Modules.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HapModular.Modules.Identity.Pages.Account.SignOut;

/// <summary>Sign-out (POST only, anti-forgery checked): this session, or every session of the account.</summary>
[AllowAnonymous]
internal sealed class IndexModel(IIdentityStore store, SecurityAudit audit, ICurrentUser currentUser, TicketRevocation tickets) : PageModel
{
    public bool SignedIn => currentUser.IsAuthenticated;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (currentUser.IsAuthenticated)
        {
            // Server-side: a copy of this cookie saved before now no longer opens anything.
            await tickets.RevokeAsync(User, cancellationToken);
            await audit.RecordAsync("sign-out", AuditOutcome.Allowed, cancellationToken: cancellationToken);
        }

        await HttpContext.SignOutAsync(IdentitySchemes.Session);
        return LocalRedirect("/account/sign-in");
    }

    /// <summary>A new security stamp: every other session of the account fails its next check.</summary>
    public async Task<IActionResult> OnPostEverywhereAsync(CancellationToken cancellationToken)
    {
        if (currentUser.IsAuthenticated)
        {
            await using var session = store.LightweightSession();
            var account = await session.LoadAsync<Accounts.Account>(currentUser.UserId, cancellationToken);
            if (account is not null)
            {
                account.SecurityStamp = Guid.NewGuid().ToString("N");
                session.Store(account);
                await session.SaveChangesAsync(cancellationToken);
            }

            await audit.RecordAsync("sign-out-everywhere", AuditOutcome.Allowed, cancellationToken: cancellationToken);
        }

        await HttpContext.SignOutAsync(IdentitySchemes.Session);
        return LocalRedirect("/account/sign-in");
    }
}
