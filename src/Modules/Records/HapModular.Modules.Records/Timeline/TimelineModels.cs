using System.Globalization;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Records.Timeline;

/// <summary>Timeline filters, all optional: kind, department, period (inclusive days) and a title fragment.</summary>
internal sealed record TimelineFilter(string? Kind = null, string? Department = null, DateOnly? From = null, DateOnly? To = null, string? Text = null);

/// <summary>One page of a patient's timeline, newest first, after the keyset cursor <paramref name="After"/>.</summary>
internal sealed record GetTimeline(Guid PatientId, TimelineFilter Filter, string? After = null, int PageSize = 50) : IRequest<TimelinePage>, IPatientScoped
{
    public string AuditAction => PatientScopedActions.Read;
}

/// <summary>How the physician has access (the patient's identity is the banner's, <c>GetPatientBanner</c>).</summary>
internal sealed record PatientHeader(string? LinkType, DateTimeOffset? ValidUntil, string? Purpose);

internal sealed record TimelinePage(
    PatientHeader Header,
    IReadOnlyList<TimelineItem> Documents,
    IReadOnlyDictionary<string, int> CountsPerKind,
    IReadOnlyList<string> Departments,
    string? NextCursor)
{
    /// <summary>The objects behind each series line of the page (by series UID), when a line stands for more than one.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SeriesMember>> SeriesMembers { get; init; } = global::HapModular.Modules.Records.Timeline.SeriesMembers.None;
}

/// <summary>The keyset position: the last row's (clinical date, id), as an opaque URL-safe token.</summary>
internal readonly record struct TimelineCursor(DateTimeOffset ClinicalDate, Guid Id)
{
    public override string ToString() => ClinicalDate.UtcTicks.ToString(CultureInfo.InvariantCulture) + "_" + Id.ToString("N");

    public static TimelineCursor? Parse(string? token)
    {
        var parts = token?.Split('_');
        return parts is { Length: 2 } && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks >= 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParseExact(parts[1], "N", out var id)
            ? new TimelineCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : null;
    }
}
