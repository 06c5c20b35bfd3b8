using HapModular.Modules.Records.Documents;
using HapModular.Modules.Records.Timeline;
using HapModular.Modules.Shared;
using HapModular.SharedKernel;
using HapModular.Viewers;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace HapModular.Modules.Records.Pages.Patients.Compare;

/// <summary>
/// Before/after comparison of two photos of one patient (issue 6). The photo list comes from the patient-scoped
/// timeline request and the images from the patient-scoped render target, so the guard decides every read.
/// </summary>
internal sealed class IndexModel(IMediator mediator, IViewerCatalog viewers, IStringLocalizer<CompareText> text) : PageModel
{
    /// <summary>Same cap as the photo viewer's own view: sharp on a large screen, never the full camera original.</summary>
    private const int ImageMax = 2048;

    [BindProperty(SupportsGet = true)]
    public Guid? Before { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? After { get; set; }

    public Guid PatientId { get; private set; }

    public TimelinePage? Timeline { get; private set; }

    public IReadOnlyList<TimelineItem> Photos { get; private set; } = [];

    public TimelineItem? BeforePhoto { get; private set; }

    public TimelineItem? AfterPhoto { get; private set; }

    public string? BeforeError { get; private set; }

    public string? AfterError { get; private set; }

    public string? ClientModuleUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid patientId, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return LocalRedirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(Request.Path + Request.QueryString));
        }

        PatientId = patientId;
        Response.Headers.CacheControl = "private, no-store";
        try
        {
            Timeline = await mediator.Send(new GetTimeline(patientId, new TimelineFilter(DocumentKinds.Photo), null, 200), cancellationToken);
        }
        catch (PatientAccessDeniedException)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        // Oldest first: "before" is usually picked above "after". Only photos this server displays (those have a
        // thumbnail): an intact HEIC is kept in the record with a download card but cannot be compared.
        Photos = [.. Timeline.Documents.Where(d => d.HasThumbnail).OrderBy(d => d.ClinicalDate).ThenBy(d => d.Id)];
        BeforePhoto = Pick(Before, out var beforeError);
        AfterPhoto = Pick(After, out var afterError);
        BeforeError = beforeError;
        AfterError = afterError;
        if (BeforePhoto is not null && AfterPhoto is not null && BeforePhoto.Id == AfterPhoto.Id)
        {
            AfterError = text["SamePhoto"];
            AfterPhoto = null;
        }

        if (BeforePhoto is not null && AfterPhoto is not null)
        {
            ClientModuleUrl = ClientModuleFor(BeforePhoto);
        }

        return Page();
    }

    public string DocumentUrl(Guid documentId) => $"/patients/{PatientId}/documents/{documentId}";

    public string ImageUrl(TimelineItem photo) => $"{DocumentUrl(photo.Id)}/render/image?max={ImageMax}";

    private TimelineItem? Pick(Guid? id, out string? error)
    {
        error = null;
        if (id is null)
        {
            return null;
        }

        var photo = Photos.FirstOrDefault(p => p.Id == id);
        if (photo is null)
        {
            error = text["UnknownPhoto"];
        }

        return photo;
    }

    private string? ClientModuleFor(TimelineItem photo)
    {
        var viewer = viewers.FindViewer(new DocumentMetadata(photo.MediaType, photo.FileName, photo.SopClassUid, photo.Kind));
        var pluginId = viewer is null ? null : viewers.PluginIdOf(viewer);
        return viewer?.Descriptor.ClientModule is { } js && pluginId is not null
            ? $"/plugins/{Uri.EscapeDataString(pluginId)}/{js.TrimStart('/')}"
            : null;
    }
}
