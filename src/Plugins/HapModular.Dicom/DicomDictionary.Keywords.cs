namespace HapModular.Dicom;

public static partial class DicomDictionary
{
    /// <summary>Every plain (non-range) attribute of the dictionary by tag and keyword (DICOMweb's QIDO-RS matches and includes by keyword).</summary>
    /// <returns>The tags and keywords.</returns>
    public static IEnumerable<(DicomTag Tag, string Keyword)> Keywords() =>
        Entries.Where(e => !e.IsRange && e.Keyword.Length > 0).Select(e => (new DicomTag(e.Value), e.Keyword));
}
