using HapModular.Modules.Records.Contracts;
using HapModular.Modules.Records.Masking;
using HapModular.Modules.Records.Resources;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Records.Pages.Desk.Documents;

/// <summary>
/// J5 at the desk: the patient's documents by title, date and kind (never content), with masking on the patient's
/// request (reference required) and each category's embargo end. Every list and change goes through the guard.
/// </summary>
[Authorize(Roles = Roles.PatientDesk + "," + Roles.Admin)]
internal sealed class IndexModel(IMediator mediator, TimeProvider time, IStringLocalizer<MaskingText> text) : PageModel
{
    public Guid PatientId { get; private set; }

    public PatientSummary? Patient { get; private set; }

    public DeskDocuments? Documents { get; private set; }

    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(Guid patientId, CancellationToken cancellationToken)
    {
        PatientId = patientId;
        Response.Headers.CacheControl = "private, no-store";
        Notice = TempData["Notice"] as string;
        Error = TempData["Error"] as string;
        Patient = (await mediator.Send(new GetPatientSummaries([patientId]), cancellationToken)).FirstOrDefault();
        if (Patient is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Documents = await mediator.Send(new GetDeskDocuments(patientId), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid patientId, Guid documentId, bool mask, string? reference, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            TempData["Error"] = text["ReferenceRequired"].Value;
        }
        else
        {
            try
            {
                var changed = await mediator.Send(new DeskMaskDocument(patientId, documentId, mask, reference), cancellationToken);
                TempData[changed ? "Notice" : "Error"] = changed ? text["Changed"].Value : text["NothingChanged"].Value;
            }
            catch (PatientAccessDeniedException)
            {
                TempData["Error"] = text["NothingChanged"].Value;
            }
        }

        return LocalRedirect($"/desk/patients/{patientId}/documents");
    }
}
