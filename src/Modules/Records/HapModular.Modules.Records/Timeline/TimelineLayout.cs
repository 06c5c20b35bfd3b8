using HapModular.Modules.Records.Documents;

namespace HapModular.Modules.Records.Timeline;

/// <summary>A page of documents as the timeline shows it: by day, newest first; imaging as study → series.</summary>
internal sealed record TimelineDay(DateOnly Date, IReadOnlyList<TimelineEntry> Entries);

internal abstract record TimelineEntry;

internal sealed record SingleEntry(StoredDocument Document) : TimelineEntry;

internal sealed record StudyEntry(string StudyUid, string Title, IReadOnlyList<SeriesEntry> Series) : TimelineEntry;

/// <summary>One series: its first document stands for it (thumbnail, link), with the number of instances.</summary>
internal sealed record SeriesEntry(string SeriesUid, string? Description, string? Modality, StoredDocument First, int Count);

internal static class TimelineLayout
{
    public static IReadOnlyList<TimelineDay> Arrange(IReadOnlyList<StoredDocument> documents) =>
        [.. documents
            .GroupBy(d => DateOnly.FromDateTime(d.ClinicalDate.UtcDateTime))
            .OrderByDescending(g => g.Key)
            .Select(day => new TimelineDay(day.Key, Entries(day.ToList())))];

    private static List<TimelineEntry> Entries(List<StoredDocument> day)
    {
        var entries = new List<TimelineEntry>();
        var studies = new Dictionary<string, List<StoredDocument>>(StringComparer.Ordinal);
        foreach (var d in day)
        {
            if (d.Kind == DocumentKinds.Imaging && d.StudyUid is { } study)
            {
                if (!studies.TryGetValue(study, out var list))
                {
                    studies[study] = list = [];
                    entries.Add(new StudyEntry(study, d.Title, []));
                }

                list.Add(d);
            }
            else
            {
                entries.Add(new SingleEntry(d));
            }
        }

        return [.. entries.Select(e => e is StudyEntry s ? s with { Series = Series(studies[s.StudyUid]) } : e)];
    }

    private static List<SeriesEntry> Series(List<StoredDocument> study) =>
        [.. study.GroupBy(d => d.SeriesUid ?? d.Id.ToString())
            .Select(g => new SeriesEntry(g.Key, g.First().SeriesDescription, g.First().Modality, g.First(), g.Count()))];
}
