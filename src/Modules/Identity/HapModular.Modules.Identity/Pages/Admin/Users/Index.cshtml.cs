using System.Net.Mail;
using HapModular.Modules.Identity.Resources;
using HapModular.Modules.Identity.Users;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Identity.Pages.Admin.Users;

/// <summary>Admin console of accounts: create staff, roles, deactivate/reactivate, re-verification dates.</summary>
[Authorize(Roles = Roles.Admin)]
internal sealed class IndexModel(UserAdministration users, ICurrentUser currentUser, IStringLocalizer<IdentityText> text) : PageModel
{
    public IReadOnlyList<Identity.Accounts.Account> Accounts { get; private set; } = [];

    public Guid Me => currentUser.UserId;

    [TempData]
    public string? Message { get; set; }

    [BindProperty]
    public string? FirstName { get; set; }

    [BindProperty]
    public string? LastName { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Accounts = await users.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(FirstName))
        {
            ModelState.AddModelError(nameof(FirstName), text["FirstNameRequired"]);
        }

        if (string.IsNullOrWhiteSpace(LastName))
        {
            ModelState.AddModelError(nameof(LastName), text["LastNameRequired"]);
        }

        if (!MailAddress.TryCreate(Email?.Trim(), out _))
        {
            ModelState.AddModelError(nameof(Email), text["EmailInvalid"]);
        }

        if (Role is not (Roles.PatientDesk or Roles.Admin or Roles.Dpo))
        {
            ModelState.AddModelError(nameof(Role), text["RoleRequired"]);
        }

        if (ModelState.IsValid && !await users.CreateStaffAsync(FirstName!, LastName!, Email!, Role!, Request, cancellationToken))
        {
            ModelState.AddModelError(nameof(Email), text["EmailTaken"]);
        }

        if (!ModelState.IsValid)
        {
            Accounts = await users.ListAsync(cancellationToken);
            return Page();
        }

        Message = text["StaffCreated"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRolesAsync(Guid id, string[]? roles, CancellationToken cancellationToken)
    {
        // An admin cannot remove their own Admin role: the hospital would lock itself out.
        var kept = id == Me ? [.. roles ?? [], Roles.Admin] : roles ?? [];
        await users.SetRolesAsync(id, kept, cancellationToken);
        Message = text["Saved"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken cancellationToken)
    {
        if (id != Me)
        {
            await users.DeactivateAsync(id, cancellationToken);
            Message = text["Deactivated"];
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken cancellationToken)
    {
        await users.ReactivateAsync(id, cancellationToken);
        Message = text["Reactivated"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReverifyAsync(Guid id, DateOnly? reverifyOn, CancellationToken cancellationToken)
    {
        await users.SetReverificationAsync(id, reverifyOn, cancellationToken);
        Message = text["Saved"];
        return RedirectToPage();
    }
}
