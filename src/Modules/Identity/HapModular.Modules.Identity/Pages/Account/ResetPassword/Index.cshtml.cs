using HapModular.Modules.Identity.PasswordReset;
using HapModular.Modules.Identity.Passwords;
using HapModular.Modules.Identity.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Identity.Pages.Account.ResetPassword;

/// <summary>The reset link's page: a new password, confirmed by the authenticator code.</summary>
[AllowAnonymous]
internal sealed class IndexModel(ResetPasswordByLink resets, IStringLocalizer<IdentityText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public bool Invalid { get; private set; }

    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await resets.IsLinkValidAsync(Token, cancellationToken) ? Page() : Refused();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (PasswordPolicy.Check(Password) is { } problem)
        {
            ModelState.AddModelError(nameof(Password), text[problem, PasswordPolicy.MinimumLength]);
        }
        else if (Password != ConfirmPassword)
        {
            ModelState.AddModelError(nameof(ConfirmPassword), text["PasswordsDiffer"]);
        }

        if (!ModelState.IsValid)
        {
            return await resets.IsLinkValidAsync(Token, cancellationToken) ? Page() : Refused();
        }

        switch (await resets.RunAsync(Token, Password!, Code, cancellationToken))
        {
            case ResetOutcome.Done:
                Done = true;
                return Page();
            case ResetOutcome.WrongCode:
                ModelState.AddModelError(nameof(Code), text["ResetCodeWrong"]);
                return Page();
            default:
                return Refused();
        }
    }

    private PageResult Refused()
    {
        Invalid = true;
        Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }
}
