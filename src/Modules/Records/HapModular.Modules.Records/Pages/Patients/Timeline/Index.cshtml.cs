using HapModular.Modules.Records.Timeline;
using HapModular.SharedKernel;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;

namespace HapModular.Modules.Records.Pages.Patients.Timeline;

/// <summary>A patient's timeline (J3): header, filters, counts per kind, documents newest first.</summary>
internal sealed class IndexModel(IMediator mediator) : PageModel
{
    // This patient's timeline path, made once for the page's links.
    private string? self;

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public Guid PatientId { get; private set; }

    public TimelinePage? Timeline { get; private set; }

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
            var filter = new TimelineFilter(Kind, string.IsNullOrWhiteSpace(Department) ? null : Department, From, To, string.IsNullOrWhiteSpace(Q) ? null : Q.Trim());
            Timeline = await mediator.Send(new GetTimeline(patientId, filter, After), cancellationToken);
        }
        catch (PatientAccessDeniedException)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public string DocumentUrl(Guid documentId) => $"/patients/{PatientId}/documents/{documentId}";

    /// <summary>An image series opens the whole study in the imaging workspace; reports and waveforms keep their page.</summary>
    public string SeriesUrl(string studyUid, string? seriesUid, string? modality, Guid documentId) =>
        seriesUid is null || modality is "SR" or "DOC" or "ECG" or "KO" or "PR"
            ? DocumentUrl(documentId)
            : $"/patients/{PatientId}/imaging?study={Uri.EscapeDataString(studyUid)}&series={Uri.EscapeDataString(seriesUid)}";

    /// <summary>The same filters with another kind. Built by hand: route-based link generation for the seven kind
    /// links was a measurable share of the page's CPU.</summary>
    public string KindUrl(string? kind) => Link(kind, null);

    /// <summary>The next page: the same filters after the cursor (by hand too, for the same reason).</summary>
    public string NextUrl(string after) => Link(Kind, after);

    private string Link(string? kind, string? after)
    {
        var path = self ??= "/patients/" + PatientId;
        if (string.IsNullOrEmpty(Department) && From is null && To is null && string.IsNullOrEmpty(Q) && after is null)
        {
            // The page as first opened (its seven kind links): one string per link, the same text QueryString writes.
            return string.IsNullOrEmpty(kind) ? path : path + "?kind=" + System.Text.Encodings.Web.UrlEncoder.Default.Encode(kind);
        }

        var query = QueryString.Create(new KeyValuePair<string, string?>[]
        {
            new("kind", kind),
            new("department", Department),
            new("from", From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new("to", To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new("q", Q),
            new("after", after),
        }.Where(p => !string.IsNullOrEmpty(p.Value)));
        return path + query;
    }
}
