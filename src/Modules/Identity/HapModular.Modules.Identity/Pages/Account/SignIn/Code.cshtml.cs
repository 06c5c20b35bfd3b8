using System.Security.Claims;
using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Identity.Auditing;
using HapModular.Modules.Identity.Authentication;
using HapModular.Modules.Identity.Resources;
using HapModular.Modules.Identity.SignIn;
using HapModular.Modules.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Identity.Pages.Account.SignIn;

/// <summary>Step 2 of sign-in: the authenticator code or a recovery code. Only then is the session issued.</summary>
[AllowAnonymous]
internal sealed class CodeModel(CheckCode checkCode, TicketRevocation tickets, SecurityAudit audit, ICurrentUser currentUser, TimeProvider time, IStringLocalizer<IdentityText> text) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await FirstFactorAsync() is null ? RedirectToPage("Index") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var first = await FirstFactorAsync();
        if (first is null || !Guid.TryParse(first.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return RedirectToPage("Index");
        }

        var account = await checkCode.RunAsync(first, id, Code, currentUser.ClientAddress, cancellationToken);
        Code = null;
        if (account is null)
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, text["CodeFailed"]);
            return Page();
        }

        // The first factor opens one session only: its ticket is spent now, so a copied cookie opens nothing more.
        await tickets.RevokeAsync(first, cancellationToken);
        await HttpContext.SignOutAsync(IdentitySchemes.TwoFactor);
        await HttpContext.SignInAsync(IdentitySchemes.Session, SessionPrincipal.For(account, time.GetUtcNow()), new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        await audit.RecordAsync("sign-in", AuditOutcome.Allowed, account, cancellationToken: cancellationToken);
        return LocalRedirect(SafeReturnUrl.AfterSignIn(Url, ReturnUrl, account.Roles));
    }

    private async Task<ClaimsPrincipal?> FirstFactorAsync()
    {
        var result = await HttpContext.AuthenticateAsync(IdentitySchemes.TwoFactor);
        return result.Succeeded ? result.Principal : null;
    }
}
