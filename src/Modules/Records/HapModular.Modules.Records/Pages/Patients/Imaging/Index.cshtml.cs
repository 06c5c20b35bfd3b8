using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HapModular.Modules.Records.Pages.Patients.Imaging;

/// <summary>
/// The imaging workspace: a dark full-window page with the patient banner, the patient's studies, a series panel and
/// Cornerstone3D viewports fed by the portal's DICOMweb. A refusal is the same neutral page as everywhere.
/// </summary>
internal sealed class IndexModel(IMediator mediator) : PageModel
{
    public Guid PatientId { get; private set; }

    public ImagingWorkspace? Workspace { get; private set; }

    public string? Study { get; private set; }

    public string? Series { get; private set; }

    /// <summary>The first image as the portal renders it, shown from the HTML on while the workspace's bundle compiles.</summary>
    public string? FirstImage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid patientId, string? study, string? series, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return LocalRedirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(Request.Path + Request.QueryString));
        }

        PatientId = patientId;
        Response.Headers.CacheControl = "private, no-store";
        Response.Headers.ContentSecurityPolicy = ImagingAssets.ContentSecurityPolicy;
        try
        {
            Workspace = await mediator.Send(new OpenImagingWorkspace(patientId, study), cancellationToken);
        }
        catch (PatientAccessDeniedException)
        {
            // The neutral denial, with the portal's usual policy (nothing may differ between refusals).
            Response.Headers.Remove("Content-Security-Policy");
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        // Only a study of this patient's visible list opens; anything else opens the newest.
        Study = Workspace.Studies.FirstOrDefault(s => s.StudyUid == study)?.StudyUid ?? Workspace.Studies.FirstOrDefault()?.StudyUid;
        Series = Study == study && series is { Length: <= 64 } && series.All(c => char.IsAsciiDigit(c) || c == '.') ? series : null;
        FirstImage = Study is null ? null : Workspace.FirstImageUrl(Study, Series);
        return Page();
    }
}
