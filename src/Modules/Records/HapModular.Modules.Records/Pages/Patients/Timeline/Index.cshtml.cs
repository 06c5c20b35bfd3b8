using HapModular.Modules.Records.Documents;
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

    // The filters come from the query string, read in OnGetAsync as MVC's model binding would bind them (first value,
    // blank as none, dates in the invariant culture, an unreadable date as none). Why not [BindProperty]: binding six
    // properties built a binding context, a value-provider pass and a validation entry each on every page (issue 15).
    public string? Kind { get; set; }

    public string? Department { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public string? Q { get; set; }

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
        ReadFilters(Request.Query);
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

    private void ReadFilters(IQueryCollection query)
    {
        Kind = Text(query, "kind");
        Department = Text(query, "department");
        From = Date(query, "from");
        To = Date(query, "to");
        Q = Text(query, "q");
        After = Text(query, "after");
    }

    private static string? Text(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;

    private static DateOnly? Date(IQueryCollection query, string name) =>
        Text(query, name) is { } text && DateOnly.TryParse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date : null;

    /// <summary>This patient's timeline path, made once for the page's links.</summary>
    public string SelfPath => self ??= "/patients/" + PatientId;

    /// <summary>
    /// The query of the link to another kind with the same filters (after <see cref="SelfPath"/>). The page as first
    /// opened (no other filter) takes one of the kinds' fixed queries: its seven kind links then cost no string each.
    /// </summary>
    public string KindQuery(string? kind)
    {
        if (string.IsNullOrEmpty(Department) && From is null && To is null && string.IsNullOrEmpty(Q))
        {
            return string.IsNullOrEmpty(kind) ? string.Empty : KindQueries.GetValueOrDefault(kind) ?? "?kind=" + System.Text.Encodings.Web.UrlEncoder.Default.Encode(kind);
        }

        return Query(kind, null);
    }

    private static readonly Dictionary<string, string> KindQueries =
        DocumentKinds.All.ToDictionary(k => k, k => "?kind=" + System.Text.Encodings.Web.UrlEncoder.Default.Encode(k), StringComparer.Ordinal);

    public string DocumentUrl(Guid documentId) => $"/patients/{PatientId}/documents/{documentId}";

    /// <summary>An image series opens the whole study in the imaging workspace; reports and waveforms keep their page.</summary>
    public string SeriesUrl(string studyUid, string? seriesUid, string? modality, Guid documentId) =>
        seriesUid is null || modality is "SR" or "DOC" or "ECG" or "KO" or "PR"
            ? DocumentUrl(documentId)
            : $"/patients/{PatientId}/imaging?study={Uri.EscapeDataString(studyUid)}&series={Uri.EscapeDataString(seriesUid)}";

    /// <summary>The next page: the same filters after the cursor. Built by hand, as the kind links: route-based link
    /// generation was a measurable share of the page's CPU.</summary>
    public string NextUrl(string after) => SelfPath + Query(Kind, after);

    private string Query(string? kind, string? after) => QueryString.Create(new KeyValuePair<string, string?>[]
    {
        new("kind", kind),
        new("department", Department),
        new("from", From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        new("to", To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        new("q", Q),
        new("after", after),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToString();
}
