namespace HapModular.Modules.Records.DicomWeb;

/// <summary>
/// One QIDO-RS result before matching: its representative instance (the first in <see cref="Qido.Ordered"/>, whose
/// attributes the result shows, read whole) and what its counts need from the other visible instances — their number,
/// their series and their modalities. At the instance level each result is one instance.
/// </summary>
internal sealed record QidoGroup(ImagingInstance Representative, int Instances, IReadOnlyCollection<string> SeriesUids, IReadOnlyCollection<string> Modalities)
{
    /// <summary>The results of <paramref name="level"/> built from whole instances (the reference the database's grouping must equal).</summary>
    public static IReadOnlyList<QidoGroup> Of(IEnumerable<ImagingInstance> instances, QidoLevel level) => level switch
    {
        QidoLevel.Studies => [.. instances.GroupBy(i => i.StudyUid, StringComparer.Ordinal).Select(Of)],
        QidoLevel.Series => [.. instances.GroupBy(i => (i.StudyUid, i.SeriesUid)).Select(Of)],
        _ => [.. instances.Select(i => new QidoGroup(i, 1, [i.SeriesUid], [i.Text("00080060")]))],
    };

    private static QidoGroup Of(IEnumerable<ImagingInstance> members)
    {
        var list = members.ToList();
        return new QidoGroup(
            Qido.Ordered(list).First(),
            list.Count,
            list.Select(i => i.SeriesUid).ToHashSet(StringComparer.Ordinal),
            list.Select(i => i.Text("00080060")).Where(m => m.Length > 0).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// One result from the same study (or series) found in several patients' records (a Study UID is not unique across
    /// patients in real archives): one line, as if its instances had been found together.
    /// </summary>
    public static QidoGroup Merge(IReadOnlyList<QidoGroup> parts) => parts.Count == 1 ? parts[0] : new QidoGroup(
        Qido.Ordered(parts.Select(p => p.Representative)).First(),
        parts.Sum(p => p.Instances),
        parts.SelectMany(p => p.SeriesUids).ToHashSet(StringComparer.Ordinal),
        parts.SelectMany(p => p.Modalities).ToHashSet(StringComparer.Ordinal));
}
