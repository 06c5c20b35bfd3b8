using HapModular.Modules.Audit.Contracts;
using HapModular.Modules.Consent.Domain;
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

namespace HapModular.Modules.Consent.Pages.Dpo.Emergency;

/// <summary>
/// R5 review queue: each emergency grant with who, which patient (the banner), when, why and what was opened under it
/// (Audit's records); the DPO marks it justified or unjustified, with a comment.
/// </summary>
[Authorize(Roles = Roles.Dpo)]
internal sealed class IndexModel(IMediator mediator, ICurrentUser user, IStringLocalizer<ConsentText> text) : PageModel
{
    public EmergencyGrantQueue Queue { get; private set; } = new([], []);

    public IReadOnlyDictionary<Guid, PatientSummary> Patients { get; private set; } = new Dictionary<Guid, PatientSummary>();

    public IReadOnlyDictionary<Guid, IReadOnlyList<AuditedAccess>> Opened { get; private set; } = new Dictionary<Guid, IReadOnlyList<AuditedAccess>>();

    /// <summary>As the form's <c>maxlength</c>.</summary>
    public const int MaxComment = 2000;

    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Notice = TempData["Notice"] as string;
        Queue = await mediator.Send(new GetEmergencyGrants(), cancellationToken);
        var opened = new Dictionary<Guid, IReadOnlyList<AuditedAccess>>();
        foreach (var grant in Queue.Pending)
        {
            opened[grant.Id] = await mediator.Send(new GetGrantAccesses(grant.Id), cancellationToken);
        }

        Opened = opened;
        var ids = Queue.Pending.Concat(Queue.Reviewed).Select(g => g.PatientId).Distinct().ToList();
        Patients = ids.Count == 0 ? Patients : (await mediator.Send(new GetPatientSummaries(ids), cancellationToken)).ToDictionary(p => p.PatientId);
    }

    public async Task<IActionResult> OnPostAsync(Guid grantId, bool justified, string? comment, CancellationToken cancellationToken)
    {
        if (comment?.Trim().Length > MaxComment)
        {
            // Refused with a message, never cut: the review is not recorded.
            TempData["Notice"] = text["TextTooLong", MaxComment].Value;
            return RedirectToPage();
        }

        var done = await mediator.Send(new ReviewEmergencyAccess(grantId, justified, comment?.Trim(), user.As(ActorRoles.Dpo)), cancellationToken);
        TempData["Notice"] = done ? text["ReviewRecorded"].Value : text["ReviewAlreadyDone"].Value;
        return RedirectToPage();
    }

    public string PatientName(Guid id) => Patients.TryGetValue(id, out var p) ? $"{p.LastName.ToUpperInvariant()} {p.FirstName}" : text["UnknownPatient"];
}
