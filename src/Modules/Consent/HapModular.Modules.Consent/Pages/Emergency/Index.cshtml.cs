using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Resources;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Consent.Pages.Emergency;

/// <summary>
/// J7 break the glass, reached from a denied timeline (the way in with the NISS is <c>/emergency</c>): a reason category and a justification (≥ 20 characters) give
/// access to this one patient for the configured window; the DPO reviews it and the patient is told.
/// </summary>
[Authorize(Roles = Roles.Physician)]
internal sealed class IndexModel(IMediator mediator, ICurrentUser user, ConsentOptions options, IStringLocalizer<ConsentText> text) : PageModel, IEmergencyForm
{
    [BindProperty(SupportsGet = true)]
    public Guid PatientId { get; set; }

    [BindProperty]
    public string? Category { get; set; }

    [BindProperty]
    public string? Justification { get; set; }

    public double WindowHours => options.EmergencyWindow.TotalHours;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        EmergencyReason.Validate(ModelState, Category, Justification, text);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await mediator.Send(
            new GrantEmergencyAccess(PatientId, user.UserId, user.Inami ?? string.Empty, user.DisplayName, Category!, Justification!), cancellationToken);
        if (result.Outcome != EmergencyGrantOutcome.Granted)
        {
            ModelState.AddModelError(string.Empty, text["EmergencyRefused"]);
            return Page();
        }

        return Redirect($"/patients/{PatientId}");
    }
}
