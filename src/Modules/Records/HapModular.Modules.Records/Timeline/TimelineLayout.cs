using HapModular.Modules.Records.Documents;

namespace HapModular.Modules.Records.Timeline;

/// <summary>A page of the timeline as it is shown: by day, newest first; imaging as study → series.</summary>
// Concrete lists, sized for the usual one line per day: the page's foreach then takes the list's own enumerator (an
// IReadOnlyList boxed one per day) and no day grows a four-slot array for its single entry.
internal sealed record TimelineDay(DateOnly Date, List<TimelineEntry> Entries);

internal abstract record TimelineEntry;

internal sealed record SingleEntry(TimelineItem Document) : TimelineEntry;

internal sealed record StudyEntry(string StudyUid, string Title, List<SeriesEntry> Series) : TimelineEntry;

/// <summary>One series: its newest visible instance stands for it (thumbnail, link), with the number of instances.</summary>
internal sealed record SeriesEntry(string? Description, string? Modality, TimelineItem First, int Count);

internal static class TimelineLayout
{
    /// <summary>The rows come newest first (the query's order), so days and entries keep that order as they appear.</summary>
    public static List<TimelineDay> Arrange(IReadOnlyList<TimelineItem> items)
    {
        var days = new List<TimelineDay>(items.Count);
        List<TimelineEntry>? entries = null;
        Dictionary<string, StudyEntry>? studies = null;
        var current = DateOnly.MinValue;
        foreach (var item in items)
        {
            var date = DateOnly.FromDateTime(item.ClinicalDate.UtcDateTime);
            if (entries is null || date != current)
            {
                current = date;
                entries = new List<TimelineEntry>(1);
                studies = null;
                days.Add(new TimelineDay(date, entries));
            }

            if (item.Kind == DocumentKinds.Imaging && item.StudyUid is { } studyUid)
            {
                studies ??= new Dictionary<string, StudyEntry>(StringComparer.Ordinal);
                if (!studies.TryGetValue(studyUid, out var study))
                {
                    studies[studyUid] = study = new StudyEntry(studyUid, item.Title, []);
                    entries.Add(study);
                }

                study.Series.Add(new SeriesEntry(item.SeriesDescription, item.Modality, item, item.SeriesCount));
            }
            else
            {
                entries.Add(new SingleEntry(item));
            }
        }

        return days;
    }
}
