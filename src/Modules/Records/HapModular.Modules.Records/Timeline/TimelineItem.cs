namespace HapModular.Modules.Records.Timeline;

/// <summary>
/// One line of the timeline: a document, or — for imaging — a whole series, stood for by its newest visible instance
/// (<see cref="Id"/> and thumbnail) with the number of visible instances in <see cref="SeriesCount"/>. Only what the
/// page shows is read: no hashes, no source keys.
/// The file name and the DICOM facts (SOP class, study, series, modality, series description) are kept together in one
/// object made only for a line that has any of them. Why: most lines are reports and lab results without them, and a
/// page holds 51 lines — six empty references each were ~2 KiB of every timeline page (issue 15). A series' counts live
/// there too (every other line stands for one object), and the clinical date is kept as its UTC time and offset rather
/// than a padded <see cref="DateTimeOffset"/>: 96 bytes a line instead of 112.
/// </summary>
internal sealed record TimelineItem
{
    private readonly ObjectFacts? facts;
    private readonly DateTime clinicalUtc;
    private readonly short clinicalOffsetMinutes;

    public TimelineItem(
        Guid id,
        string title,
        string kind,
        DateTimeOffset clinicalDate,
        string department,
        string? author,
        string mediaType,
        string? fileName,
        string? sopClassUid,
        bool hasThumbnail,
        string? studyUid,
        string? seriesUid,
        string? modality,
        string? seriesDescription,
        int seriesCount,
        int seriesImages = 1)
    {
        Id = id;
        Title = title;
        Kind = kind;
        ClinicalDate = clinicalDate;
        Department = department;
        Author = author;
        MediaType = mediaType;
        HasThumbnail = hasThumbnail;
        if (fileName is not null || sopClassUid is not null || studyUid is not null || seriesUid is not null || modality is not null || seriesDescription is not null
            || seriesCount != 1 || seriesImages != 1)
        {
            facts = new ObjectFacts(fileName, sopClassUid, studyUid, seriesUid, modality, seriesDescription, seriesCount, seriesImages);
        }
    }

    public Guid Id { get; init; }

    public string Title { get; init; }

    public string Kind { get; init; }

    public DateTimeOffset ClinicalDate
    {
        get => new DateTimeOffset(clinicalUtc.Ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(clinicalOffsetMinutes));
        init
        {
            clinicalUtc = value.UtcDateTime;
            clinicalOffsetMinutes = (short)value.TotalOffsetMinutes;
        }
    }

    public string Department { get; init; }

    public string? Author { get; init; }

    public string MediaType { get; init; }

    public string? FileName => facts?.FileName;

    public string? SopClassUid => facts?.SopClassUid;

    public bool HasThumbnail { get; init; }

    public string? StudyUid => facts?.StudyUid;

    public string? SeriesUid => facts?.SeriesUid;

    public string? Modality => facts?.Modality;

    public string? SeriesDescription => facts?.SeriesDescription;

    public int SeriesCount
    {
        get => facts?.SeriesCount ?? 1;
        init => facts = (facts ?? ObjectFacts.None) with { SeriesCount = value };
    }

    /// <summary>False when the content gave no date: <see cref="ClinicalDate"/> is then the day it was received.</summary>
    public bool ClinicalDateKnown { get; init; } = true;

    /// <summary>
    /// The series' distinct images (SOP Instance UIDs): an instance the hospital sent again in another encoding is one
    /// more stored object (<see cref="SeriesCount"/>, each listed) but the same image, as the imaging workspace counts it.
    /// </summary>
    public int SeriesImages
    {
        get => facts?.SeriesImages ?? 1;
        init => facts = (facts ?? ObjectFacts.None) with { SeriesImages = value };
    }

    private sealed record ObjectFacts(
        string? FileName, string? SopClassUid, string? StudyUid, string? SeriesUid, string? Modality, string? SeriesDescription, int SeriesCount, int SeriesImages)
    {
        public static readonly ObjectFacts None = new(null, null, null, null, null, null, 1, 1);
    }
}
