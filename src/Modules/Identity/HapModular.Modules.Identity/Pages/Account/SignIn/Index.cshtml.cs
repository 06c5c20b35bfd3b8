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

/// <summary>Step 1 of sign-in: e-mail and password. Every failure gets the same answer.</summary>
[AllowAnonymous]
internal sealed class IndexModel(CheckPassword checkPassword, ICurrentUser currentUser, IStringLocalizer<IdentityText> text) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var account = await checkPassword.RunAsync(Email, Password, currentUser.ClientAddress, cancellationToken);
        Password = null;
        if (account is null)
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, text["SignInFailed"]);
            return Page();
        }

        await HttpContext.SignInAsync(IdentitySchemes.TwoFactor, SessionPrincipal.FirstFactor(account));
        return RedirectToPage("Code", new { returnUrl = SafeReturnUrl.Of(Url, ReturnUrl) });
    }
}
