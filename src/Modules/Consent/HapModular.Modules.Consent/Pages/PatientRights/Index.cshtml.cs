using System.ComponentModel.DataAnnotations;
using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Pages.Desk;
using HapModular.Modules.Consent.Resources;
using HapModular.Modules.Identity.Contracts;
using HapModular.Modules.Notifications.Contracts;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Consent.Pages.PatientRights;

/// <summary>
/// The patient acts on their own record with the access code of their letter and their birth date (no account): revoke
/// a link, exclude a physician, withdraw consent. Protective actions only — granting needs the desk. Every POST
/// carries the code again and each request goes through the shared guard (code checked, audit written); each action
/// needs its confirmation tick and is confirmed by a letter. The letter code is guessed nowhere faster than on
/// /patient-report: same per-address limit (and the code itself locks after wrong birth dates).
/// </summary>
[EnableRateLimiting(RateLimits.PatientCode)]
internal sealed class IndexModel(IMediator mediator, TimeProvider time, IStringLocalizer<ConsentText> text) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    [DataType(DataType.Date)]
    public DateOnly? BirthDate { get; set; }

    public Guid? PatientId { get; private set; }

    public PatientConsentState? State { get; private set; }

    public string? Notice { get; private set; }

    public IEnumerable<TherapeuticLink> ActiveLinks =>
        State?.Links.Where(l => l.Status == LinkStatus.Pending || l.IsActiveAt(time.GetUtcNow())) ?? [];

    public void OnGet() => Response.Headers.CacheControl = "private, no-store";

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        ActAsync(null, _ => Task.FromResult(true), cancellationToken);

    public Task<IActionResult> OnPostRevokeAsync(Guid linkId, bool confirm, CancellationToken cancellationToken) =>
        ActAsync(confirm ? "PatientLinkRevoked" : "PatientConfirmRequired", p => mediator.Send(new RevokeOwnLink(p, linkId, Code!, BirthDate!.Value), cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostExcludeAsync(string? inami, bool confirm, CancellationToken cancellationToken)
    {
        var digits = new string((inami ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (digits.Length != 8 && !Inami.TryParse(digits, out _, out _))
        {
            return await ActAsync("InamiInvalid", _ => Task.FromResult(false), cancellationToken);
        }

        return await ActAsync(confirm ? "PatientPhysicianExcluded" : "PatientConfirmRequired", async p =>
        {
            var physician = await mediator.Send(new FindPhysicianByInami(digits), cancellationToken);
            var name = physician is null ? null : $"Dr {physician.FirstName} {physician.LastName}";
            return await mediator.Send(new ExcludeOwnPhysician(p, digits, name, Code!, BirthDate!.Value), cancellationToken);
        }, cancellationToken);
    }

    public Task<IActionResult> OnPostWithdrawAsync(bool confirm, CancellationToken cancellationToken) =>
        ActAsync(confirm ? "PatientConsentWithdrawn" : "PatientConfirmRequired", p => mediator.Send(new WithdrawOwnConsent(p, Code!, BirthDate!.Value), cancellationToken), cancellationToken);

    /// <summary>
    /// Checks the code, runs <paramref name="action"/> only for a confirmed, valid request (<paramref name="notice"/>
    /// names its success text, or the refusal to show), then shows the patient's state again.
    /// </summary>
    private async Task<IActionResult> ActAsync(string? notice, Func<Guid, Task<bool>> action, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "private, no-store";
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Code) || BirthDate is null)
        {
            ModelState.AddModelError(nameof(Code), text["PatientCodeRequired"]);
            return Page();
        }

        if (await mediator.Send(new VerifyPatientAccessCode(Code, BirthDate.Value), cancellationToken) is not { } patient)
        {
            ModelState.AddModelError(nameof(Code), text["PatientCodeWrong"]);
            return Page();
        }

        try
        {
            var acts = notice is "PatientLinkRevoked" or "PatientPhysicianExcluded" or "PatientConsentWithdrawn";
            if (acts)
            {
                notice = await action(patient) ? notice : "NothingChanged";
            }

            State = await mediator.Send(new GetOwnRights(patient, Code, BirthDate.Value), cancellationToken);
        }
        catch (PatientAccessDeniedException)
        {
            ModelState.AddModelError(nameof(Code), text["PatientCodeWrong"]);
            return Page();
        }

        PatientId = patient;
        Notice = notice is null ? null : text[notice].Value;
        return Page();
    }
}
