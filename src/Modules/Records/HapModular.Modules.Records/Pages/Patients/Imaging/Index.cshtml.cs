using HapModular.Modules.Records.DicomWeb;
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
internal sealed class IndexModel(IMediator mediator, WorkspaceInline inline) : PageModel
{
    public Guid PatientId { get; private set; }

    public ImagingWorkspace? Workspace { get; private set; }

    public string? Study { get; private set; }

    public string? Series { get; private set; }

    /// <summary>
    /// The first image as the portal renders it (the img's src), shown from the HTML on while the workspace's bundle
    /// compiles: the PNG itself as a data URI, so that it is painted in the page's first frame; its URL when too large.
    /// </summary>
    public string? FirstImage { get; private set; }

    /// <summary>The workspace's stylesheet, written into the page (null: the bundle was not built).</summary>
    public string? Style => inline.Style;

    /// <summary>The workspace's boot script, written into the page (null: the bundle was not built).</summary>
    public string? Boot => inline.Boot;

    /// <summary>
    /// Inline up to this size (a lossless 512×512 CT slice is 100–250 KB): a larger image is asked by its URL, in parallel
    /// with the page's own resources, rather than delaying the whole page.
    /// </summary>
    private const int InlineLimit = 384 * 1024;

    /// <summary>The rendered resource's parameters the workspace shows first: PNG by name (a browser's image Accept is a
    /// wildcard, which PS3.18 answers with lossy JPEG), never enlarged, at most 1024 pixels a side.</summary>
    private static readonly Dictionary<string, string> FirstImageParameters = new(StringComparer.Ordinal) { ["format"] = "png", ["viewport"] = "1024,1024" };

    public async Task<IActionResult> OnGetAsync(Guid patientId, string? study, string? series, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return LocalRedirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(Request.Path + Request.QueryString));
        }

        PatientId = patientId;
        Response.Headers.CacheControl = "private, no-store";
        Response.Headers.ContentSecurityPolicy = inline.ContentSecurityPolicy;
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
        if (Study is not null && Workspace.FirstImage(Study, Series) is { } first)
        {
            FirstImage = await FirstImageSourceAsync(patientId, first, Workspace.DicomWebBase, cancellationToken);
        }

        return Page();
    }

    /// <summary>
    /// The first image through the same guarded request as its URL (RetrieveImaging: the same pixels, audited in the same
    /// burst), inlined: an image the page asks for separately waits for the page's commit and for the main thread's first
    /// layout before it is even seen, then for a second frame (trace: ~110 ms on these 2 cores).
    /// </summary>
    private async Task<string?> FirstImageSourceAsync(Guid patientId, WorkspaceInstance first, string dicomWebBase, CancellationToken cancellationToken)
    {
        var url = ImagingHandlers.InstanceUrl(first.StudyUid, first.SeriesUid, first.SopUid, dicomWebBase) + "/rendered?viewport=1024,1024&accept=image/png";
        ImagingResult result;
        try
        {
            var target = new ImagingTarget(first.StudyUid, first.SeriesUid, first.SopUid);
            result = await mediator.Send(new RetrieveImaging(patientId, first.DocumentId, target, ImagingResource.Rendered, FirstImageParameters, ImagingChannels.Browser, dicomWebBase), cancellationToken);
        }
        catch (PatientAccessDeniedException)
        {
            // Masked since the list was read: no first image (its URL would be refused the same way).
            return null;
        }

        return result is { Status: 200, Parts: [{ ContentType: "image/png" } part] }
            ? part.Content.Length <= InlineLimit ? "data:image/png;base64," + Convert.ToBase64String(part.Content.Span) : url
            : null;
    }
}
