namespace HapModular.Modules.Records.Timeline;

/// <summary>
/// One line of the timeline: a document, or — for imaging — a whole series, stood for by its newest visible instance
/// (<see cref="Id"/> and thumbnail) with the number of visible instances in <see cref="SeriesCount"/>. Only what the
/// page shows is read: no hashes, no source keys.
/// </summary>
internal sealed record TimelineItem(
    Guid Id,
    string Title,
    string Kind,
    DateTimeOffset ClinicalDate,
    string Department,
    string? Author,
    string MediaType,
    string? FileName,
    string? SopClassUid,
    bool HasThumbnail,
    string? StudyUid,
    string? SeriesUid,
    string? Modality,
    string? SeriesDescription,
    int SeriesCount)
{
    /// <summary>False when the content gave no date: <see cref="ClinicalDate"/> is then the day it was received.</summary>
    public bool ClinicalDateKnown { get; init; } = true;

    /// <summary>
    /// The series' distinct images (SOP Instance UIDs): an instance the hospital sent again in another encoding is one
    /// more stored object (<see cref="SeriesCount"/>, each listed) but the same image, as the imaging workspace counts it.
    /// </summary>
    public int SeriesImages { get; init; } = 1;
}
