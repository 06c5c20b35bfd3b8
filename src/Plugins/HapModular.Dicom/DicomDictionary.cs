namespace HapModular.Dicom;

/// <summary>
/// The DICOM data dictionary: every element of the PS3.6 registry (generated from dcmtk's transcription, see
/// <see cref="Source"/>), for the VR of implicit VR files and the keywords of dumps.
/// </summary>
public static partial class DicomDictionary
{
    private static readonly Lazy<Index> Registry = new(Load);

    /// <summary>Every entry, in the source's order.</summary>
    public static IReadOnlyList<DicomDictionaryEntry> Entries => Registry.Value.All;

    /// <summary>Finds the entry of a tag: its own, else the most specific range holding it (overlays, group lengths…).</summary>
    /// <param name="tag">The tag.</param>
    /// <param name="entry">The entry.</param>
    /// <returns>Whether the tag is known.</returns>
    public static bool TryGetEntry(DicomTag tag, out DicomDictionaryEntry entry)
    {
        var index = Registry.Value;
        if (index.Plain.TryGetValue(tag.Value, out entry!))
        {
            return true;
        }

        entry = index.Ranges.FirstOrDefault(r => r.Matches(tag))!;
        return entry is not null;
    }

    /// <summary>Looks a tag up.</summary>
    /// <param name="tag">The tag.</param>
    /// <param name="vr">The VR it has in implicit VR encoding (see <see cref="VrOf(DicomTag)"/>); UN when unknown.</param>
    /// <param name="keyword">Its keyword; empty when unknown.</param>
    /// <returns>Whether the tag is known.</returns>
    public static bool TryLookup(DicomTag tag, out DicomVR vr, out string keyword)
    {
        if (TryGetEntry(tag, out var e))
        {
            (vr, keyword) = (ImplicitVr(e, pixelRepresentation: null), e.Keyword);
            return true;
        }

        (vr, keyword) = (DicomVR.UN, string.Empty);
        return false;
    }

    /// <summary>
    /// The VR a tag has in implicit VR encoding (UN when unknown). Where PS3.6 allows several: OW for "OB or OW"
    /// and "US or SS or OW" (PS3.5 A.1), US for "US or SS" (the data set's Pixel Representation decides, see
    /// <see cref="VrOf(DicomTag, int?)"/>).
    /// </summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The VR.</returns>
    public static DicomVR VrOf(DicomTag tag) => TryLookup(tag, out var vr, out _) ? vr : DicomVR.UN;

    /// <summary>
    /// The implicit VR of a tag in a data set with the given Pixel Representation: pixel-value attributes that are
    /// "US or SS" (smallest/largest pixel value, padding, histogram bins, real world value ranges…) are SS when the
    /// pixels are signed; LUT descriptors stay US (their first and third values are always unsigned).
    /// </summary>
    /// <param name="tag">The tag.</param>
    /// <param name="pixelRepresentation">The Pixel Representation (0028,0103) in force, or null when none is.</param>
    /// <returns>The VR.</returns>
    public static DicomVR VrOf(DicomTag tag, int? pixelRepresentation) =>
        TryGetEntry(tag, out var e) ? ImplicitVr(e, pixelRepresentation) : DicomVR.UN;

    /// <summary>The keyword of a tag, or an empty string.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The keyword.</returns>
    public static string KeywordOf(DicomTag tag) => TryGetEntry(tag, out var e) ? e.Keyword : string.Empty;

    private static DicomVR ImplicitVr(DicomDictionaryEntry e, int? pixelRepresentation) => e.ValueRepresentations switch
    {
        [] => DicomVR.UN,
        [var only] => only,
        [DicomVR.US, DicomVR.SS] => pixelRepresentation == 1 && !e.Keyword.EndsWith("Descriptor", StringComparison.Ordinal) ? DicomVR.SS : DicomVR.US,
        var several when several.Contains(DicomVR.OW) => DicomVR.OW,
        var several => several[0],
    };

    private static Index Load()
    {
        var all = new List<DicomDictionaryEntry>();
        foreach (var line in Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = line.Split('\t');
            all.Add(new DicomDictionaryEntry(f[0], f[1], f[2], f[3], f.Length > 4 && f[4] == "retired"));
        }

        var plain = new Dictionary<uint, DicomDictionaryEntry>();
        foreach (var e in all.Where(e => !e.IsRange))
        {
            // dicom.dic: "entries may override existing entries" — the later one wins.
            plain[e.Value] = e;
        }

        return new Index(all, plain, [.. all.Where(e => e.IsRange).OrderBy(e => e.Span)]);
    }

    private sealed record Index(List<DicomDictionaryEntry> All, Dictionary<uint, DicomDictionaryEntry> Plain, List<DicomDictionaryEntry> Ranges);
}
