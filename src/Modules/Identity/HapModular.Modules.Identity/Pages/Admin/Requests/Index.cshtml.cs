using HapModular.Modules.Identity.AccessRequests;
using HapModular.Modules.Identity.Resources;
using HapModular.SharedKernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Identity.Pages.Admin.Requests;

/// <summary>The admin queue of pending access requests: approve, or reject with a reason.</summary>
[Authorize(Roles = Roles.Admin)]
internal sealed class IndexModel(PendingAccessRequests pending, ApproveAccessRequest approve, RejectAccessRequest reject, IStringLocalizer<IdentityText> text) : PageModel
{
    public IReadOnlyList<Accounts.Account> Pending { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public Guid? RejectingId { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Pending = await pending.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken)
    {
        Message = await approve.RunAsync(id, cancellationToken) ? text["RequestApproved"] : text["RequestAlreadyDecided"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
        {
            ModelState.AddModelError("reason", text["ReasonRequired"]);
            RejectingId = id;
            Pending = await pending.ListAsync(cancellationToken);
            return Page();
        }

        Message = await reject.RunAsync(id, reason, cancellationToken) ? text["RequestRejected"] : text["RequestAlreadyDecided"];
        return RedirectToPage();
    }
}
