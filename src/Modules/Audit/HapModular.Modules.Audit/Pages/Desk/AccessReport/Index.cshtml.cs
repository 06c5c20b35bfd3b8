using HapModular.Modules.Audit.Report;
using HapModular.Modules.Records.Contracts;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HapModular.Modules.Audit.Pages.Desk.AccessReport;

/// <summary>J5 at the desk: the patient's access report, printed or shown to the patient in person.</summary>
[Authorize(Roles = Roles.PatientDesk + "," + Roles.Dpo)]
internal sealed class IndexModel(IMediator mediator) : PageModel
{
    public PatientSummary? Patient { get; private set; }

    public IReadOnlyList<AccessReportLine>? Lines { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid patientId, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "private, no-store";
        try
        {
            Lines = await mediator.Send(new GetAccessReport(patientId), cancellationToken);
            Patient = (await mediator.Send(new GetPatientSummaries([patientId]), cancellationToken)).FirstOrDefault();
        }
        catch (PatientAccessDeniedException)
        {
            // The shared guard's neutral denial.
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
