using HapModular.Modules.Identity.PasswordReset;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HapModular.Modules.Identity.Pages.Account.ForgotPassword;

/// <summary>Asks for a reset link; answers the same whether or not the address has an account.</summary>
[AllowAnonymous]
internal sealed class IndexModel(PasswordResetService resets) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await resets.RequestAsync(Email, Request, cancellationToken);
        Sent = true;
        Email = null;
        return Page();
    }
}
