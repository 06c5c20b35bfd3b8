using HapModular.Modules.Identity.PasswordReset.Request;
using HapModular.Modules.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HapModular.Modules.Identity.Pages.Account.ForgotPassword;

/// <summary>
/// Asks for a reset link; answers the same, after the same work, whether or not the address has an account: the
/// account is looked up later, by <see cref="RequestPasswordResetJob"/>.
/// </summary>
[AllowAnonymous]
internal sealed class IndexModel(RequestPasswordReset resets, ICurrentUser user) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await resets.QueueAsync(Email, user.ClientAddress, cancellationToken);
        Sent = true;
        Email = null;
        return Page();
    }
}
