using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Records.Embargo;
using HapModular.Modules.Records.Resources;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Records.Pages.Admin.Embargo;

/// <summary>
/// R6 for administrators: embargo days per document category ("prescriber first"). A change applies at once to the
/// category's documents (end = ingestion time + days) and is audited.
/// </summary>
[Authorize(Roles = Roles.Admin)]
internal sealed class IndexModel(EmbargoPolicy policy, IMediator mediator, ICurrentUser user, IStringLocalizer<MaskingText> text) : PageModel
{
    public IReadOnlyList<EmbargoCategory> Categories { get; private set; } = [];

    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Notice = TempData["Notice"] as string;
        Error = TempData["Error"] as string;
        Categories = await policy.ListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string? category, int? days, CancellationToken cancellationToken)
    {
        category = category?.Trim();
        if (!EmbargoPolicy.IsValidCategory(category) || days is not (>= 0 and <= EmbargoPolicy.MaxDays))
        {
            TempData["Error"] = text["EmbargoInvalid"].Value;
            return RedirectToPage();
        }

        var touched = await policy.SetAsync(category!, days.Value, cancellationToken);
        await mediator.Send(new RecordAudit("embargo-change", AuditOutcome.Allowed, user.UserId, user.DisplayName, null, user.ClientAddress, Reason: EmbargoPolicy.Describe(category!, days.Value)), cancellationToken);
        TempData["Notice"] = string.Format(System.Globalization.CultureInfo.CurrentCulture, text["EmbargoChanged"].Value, category, days.Value, touched);
        return RedirectToPage();
    }
}
