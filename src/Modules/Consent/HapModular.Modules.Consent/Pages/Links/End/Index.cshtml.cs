using HapModular.Modules.Consent.Domain;
using HapModular.Modules.Consent.Pages.Patients;
using HapModular.Modules.Consent.Resources;
using HapModular.Modules.Consent.Web;
using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Consent.Pages.Links.End;

/// <summary>
/// Ending a link cannot happen by accident: this confirmation step names the patient and the link, asks why (kept in
/// the <see cref="LinkRevoked"/> event, with an optional note; a note is required for "other"), and only its POST ends
/// the link. Only the physician's own active or pending links; anything else gets one neutral answer.
/// </summary>
[Authorize(Roles = Roles.Physician)]
internal sealed class IndexModel(IMediator mediator, ICurrentUser user, IStringLocalizer<ConsentText> text) : PageModel
{
    public const int MaxNote = 500;

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public TherapeuticLink? Link { get; private set; }

    public PatientSummary? Patient { get; private set; }

    public async Task OnGetAsync(Guid linkId, CancellationToken cancellationToken) => await LoadAsync(linkId, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid linkId, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (Reason is null || !EndReasons.All.Contains(Reason))
        {
            ModelState.AddModelError(nameof(Reason), text["EndReasonRequired"]);
        }

        Note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim();
        if (Reason == EndReasons.Other && Note is null)
        {
            ModelState.AddModelError(nameof(Note), text["EndNoteRequired"]);
        }
        else if (Note?.Length > MaxNote)
        {
            ModelState.AddModelError(nameof(Note), text["EndNoteTooLong", MaxNote]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(linkId, cancellationToken);
            return Page();
        }

        var ended = await mediator.Send(new RevokeLink(linkId, Reason!, null, user.As(ActorRoles.Physician), Note), cancellationToken);
        TempData[ended ? "Notice" : "Error"] = ended ? text["LinkEnded"].Value : text["EndFailed"].Value;
        return Redirect("/patients");
    }

    private async Task LoadAsync(Guid linkId, CancellationToken cancellationToken)
    {
        var mine = (await mediator.Send(new GetMyLinks(user.UserId, user.Inami), cancellationToken))
            .FirstOrDefault(l => l.Link.Id == linkId && l.Link.Status is LinkStatus.Active or LinkStatus.Pending);
        Link = mine?.Link;
        Patient = Link is null ? null : (await mediator.Send(new GetPatientSummaries([Link.PatientId]), cancellationToken)).FirstOrDefault();
    }
}
