using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.IdentityChecks;
using HapModular.Modules.Consent.Resources;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Consent.Pages.Emergency.ByNiss;

/// <summary>
/// J7 from the physician's menu, for a patient never seen: NISS, last name and birth date as read from the eID (as
/// when declaring a link), a reason and a justification. An unknown NISS, a mismatch, a patient without consent or one
/// who excluded this physician all get the same neutral answer; a grant opens the timeline for the window, tells the
/// patient by letter and waits for the DPO's review.
/// </summary>
[Authorize(Roles = Roles.Physician)]
internal sealed class IndexModel(IMediator mediator, ICurrentUser user, ConsentOptions options, IStringLocalizer<ConsentText> text) : PageModel, IEmergencyForm
{
    [BindProperty]
    public string? Niss { get; set; }

    [BindProperty]
    public string? LastName { get; set; }

    [BindProperty]
    public DateOnly? BirthDate { get; set; }

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
        if (!HapModular.SharedKernel.Niss.TryParse(Niss, out var niss, out var nissError))
        {
            ModelState.AddModelError(nameof(Niss), text["NissError." + nissError]);
        }

        if (string.IsNullOrWhiteSpace(LastName))
        {
            ModelState.AddModelError(nameof(LastName), text["LastNameRequired"]);
        }

        if (BirthDate is null)
        {
            ModelState.AddModelError(nameof(BirthDate), text["BirthDateRequired"]);
        }

        EmergencyReason.Validate(ModelState, Category, Justification, text);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var identity = await mediator.Send(new CheckPatientIdentity(niss.Digits, LastName!.Trim(), BirthDate!.Value, IdentityCheckPurposes.Emergency), cancellationToken);
        if (identity.Outcome == IdentityCheckOutcome.TooManyAttempts)
        {
            ModelState.AddModelError(string.Empty, text["IdentityCheckTooMany"]);
            return Page();
        }

        var patientId = identity.PatientId;
        var result = patientId is null
            ? null
            : await mediator.Send(
                new GrantEmergencyAccess(patientId.Value, user.UserId, user.Inami ?? string.Empty, user.DisplayName, Category!, Justification!), cancellationToken);
        if (result?.Outcome != EmergencyGrantOutcome.Granted)
        {
            // Unknown NISS, mismatch, no consent, exclusion: one answer, so the form tells nothing about the patient.
            ModelState.AddModelError(string.Empty, text["EmergencyByNissNeutral"]);
            return Page();
        }

        return Redirect($"/patients/{patientId}");
    }
}
