using HapModular.Modules.Records.Documents;
using HapModular.Modules.Records.Patients;
using HapModular.Modules.Shared.Access;
using HapModular.SharedKernel;
using MediatR;

namespace HapModular.Modules.Records.Timeline;

/// <summary>Reached only through the guard, which already decided access; this only reads.</summary>
internal sealed class GetTimelineHandler(TimelineQuery query, PatientHeaderCache patients, PatientAccessContext access, TimeProvider time) : IRequestHandler<GetTimeline, TimelinePage>
{
    public async Task<TimelinePage> Handle(GetTimeline request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _ = await patients.GetAsync(request.PatientId, cancellationToken) ?? throw new PatientAccessDeniedException();
        var now = time.GetUtcNow();
        var size = Math.Clamp(request.PageSize, 1, 200);
        var filter = request.Filter with { Kind = DocumentKinds.IsKnown(request.Filter.Kind) ? request.Filter.Kind : null };
        var result = await query.RunAsync(request.PatientId, filter, TimelineCursor.Parse(request.After), size, now, access.ViewerInami, cancellationToken);
        var rows = result.Page;
        string? next = null;
        if (rows.Count > size)
        {
            rows.RemoveAt(size);
            next = new TimelineCursor(rows[^1].ClinicalDate, rows[^1].Id).ToString();
        }

        var decision = access.Decision;
        var header = new PatientHeader(decision?.LinkType, decision?.ValidUntil, decision?.Purpose);
        return new TimelinePage(header, rows, result.CountsPerKind, result.Departments, next) { SeriesMembers = result.SeriesMembers };
    }
}
