using System.Globalization;
using HapModular.Modules.Records.Masking;
using HapModular.Modules.Records.Resources;
using HapModular.Modules.Records.Viewing;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Records.Pages.Patients.Document;

/// <summary>
/// One document in its viewer (host-sanitized HTML, the plugin's client module), with its download; its author
/// may mask or unmask it here (R6).
/// </summary>
internal sealed class IndexModel(IMediator mediator, ICurrentUser user, IStringLocalizer<MaskingText> text) : PageModel
{
    public Guid PatientId { get; private set; }

    public DocumentView? View { get; private set; }

    public string BaseUrl => $"/patients/{PatientId}/documents/{View?.Document.Id}";

    /// <summary>Only the author physician sees the mask form (the guard refuses anyone else anyway).</summary>
    public bool CanMask => View is { } view && user.IsInRole(Roles.Physician) && view.Document.IsAuthoredBy(user.Inami);

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid patientId, Guid documentId, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return LocalRedirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(Request.Path + Request.QueryString));
        }

        PatientId = patientId;
        Notice = TempData["Notice"] as string;
        Response.Headers.CacheControl = "private, no-store";
        try
        {
            View = await mediator.Send(new ViewDocument(patientId, documentId, CultureInfo.CurrentUICulture), cancellationToken);
        }
        catch (PatientAccessDeniedException)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostMaskAsync(Guid patientId, Guid documentId, bool mask, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return LocalRedirect("/account/sign-in");
        }

        try
        {
            var changed = await mediator.Send(new MaskOwnDocument(patientId, documentId, mask), cancellationToken);
            TempData["Notice"] = changed ? text["Changed"].Value : text["NothingChanged"].Value;
        }
        catch (PatientAccessDeniedException)
        {
            // Same neutral page as any other refusal.
            PatientId = patientId;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        return LocalRedirect($"/patients/{patientId}/documents/{documentId}");
    }
}
