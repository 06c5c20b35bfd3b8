using System.ComponentModel.DataAnnotations;
using HapModular.Modules.Audit.Report;
using HapModular.Modules.Audit.Resources;
using HapModular.Modules.Notifications.Contracts;
using HapModular.Modules.Shared;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Audit.Pages.PatientReport;

/// <summary>J5 for the patient: code from the letter + birth date → who accessed the record. No account needed.</summary>
[EnableRateLimiting(RateLimits.PatientCode)]
internal sealed class IndexModel(IMediator mediator, IStringLocalizer<AuditText> text) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    [DataType(DataType.Date)]
    public DateOnly? BirthDate { get; set; }

    public IReadOnlyList<AccessReportLine>? Lines { get; private set; }

    /// <summary>The patient whose code matched (the banner's), once the report is shown.</summary>
    public Guid? PatientId { get; private set; }

    public void OnGet() => Response.Headers.CacheControl = "private, no-store";

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "private, no-store";
        if (string.IsNullOrWhiteSpace(Code))
        {
            ModelState.AddModelError(nameof(Code), text["Required"]);
        }

        if (BirthDate is null)
        {
            ModelState.AddModelError(nameof(BirthDate), text["Required"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var patient = await mediator.Send(new VerifyPatientAccessCode(Code!, BirthDate!.Value), cancellationToken);
        if (patient is null)
        {
            ModelState.AddModelError(nameof(Code), text["CodeOrBirthWrong"]);
            return Page();
        }

        Lines = await mediator.Send(new GetOwnAccessReport(patient.Value, Code!, BirthDate.Value), cancellationToken);
        PatientId = patient.Value;
        return Page();
    }
}
