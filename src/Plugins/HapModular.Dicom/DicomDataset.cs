using System.Globalization;
using System.Text;

namespace HapModular.Dicom;

/// <summary>A data set (the main one, the file meta group, or a sequence item): elements by tag, in file order.</summary>
public sealed class DicomDataset
{
    private readonly List<DicomElement> elements = [];
    private readonly Dictionary<uint, DicomElement> byTag = [];
    private IReadOnlyList<string>? characterSet;

    internal DicomDataset(DicomDataset? parent, long offset)
    {
        Parent = parent;
        Offset = offset;
    }

    /// <summary>The data set holding the sequence this item belongs to; null for a top-level data set.</summary>
    public DicomDataset? Parent { get; }

    /// <summary>Byte offset where the data set (or item) starts.</summary>
    public long Offset { get; }

    /// <summary>The elements in file order.</summary>
    public IReadOnlyList<DicomElement> Elements => elements;

    /// <summary>The Specific Character Set terms in force here (own (0008,0005), else the parent's).</summary>
    public IReadOnlyList<string> CharacterSet => characterSet ??= byTag.ContainsKey(DicomTags.SpecificCharacterSet.Value)
        ? SplitValues(Encoding.ASCII.GetString(byTag[DicomTags.SpecificCharacterSet.Value].RawValue.Span), trimLeading: false)
        : Parent?.CharacterSet ?? [];

    /// <summary>The element with this tag, or null.</summary>
    /// <param name="tag">The tag.</param>
    public DicomElement? this[DicomTag tag] => byTag.GetValueOrDefault(tag.Value);

    /// <summary>Whether an element with this tag is present.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>True when present.</returns>
    public bool Contains(DicomTag tag) => byTag.ContainsKey(tag.Value);

    /// <summary>Finds an element.</summary>
    /// <param name="tag">The tag.</param>
    /// <param name="element">The element.</param>
    /// <returns>True when present.</returns>
    public bool TryGetElement(DicomTag tag, out DicomElement element) => byTag.TryGetValue(tag.Value, out element!);

    /// <summary>The whole value of a text element, decoded and trimmed (multiple values keep their backslashes).</summary>
    /// <param name="tag">The tag.</param>
    /// <param name="value">The text; empty when the element is present with no value.</param>
    /// <returns>False when the element is absent or not text.</returns>
    public bool TryGetString(DicomTag tag, out string value)
    {
        value = string.Empty;
        if (!byTag.TryGetValue(tag.Value, out var e) || e.IsSequence || e.Fragments is not null)
        {
            return false;
        }

        if (!DicomVRInfo.IsText(e.VR) && e.VR != DicomVR.UN)
        {
            return false;
        }

        value = DecodeText(e);
        return true;
    }

    /// <summary>The whole value of a text element, or null.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The text or null.</returns>
    public string? GetString(DicomTag tag) => TryGetString(tag, out var s) ? s : null;

    /// <summary>The values of a multi-valued text element (split at backslashes), each trimmed.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The values; empty when absent.</returns>
    public IReadOnlyList<string> GetStrings(DicomTag tag) =>
        TryGetString(tag, out var s) && s.Length > 0 ? SplitValues(s, trimLeading: true) : [];

    /// <summary>Reads a number from a binary (US, SS, UL, SL, FL, FD) or decimal/integer string (DS, IS) element.</summary>
    /// <param name="tag">The tag.</param>
    /// <param name="value">The value.</param>
    /// <param name="index">Value index for multi-valued elements.</param>
    /// <returns>False when absent, empty or not a number.</returns>
    public bool TryGetDouble(DicomTag tag, out double value, int index = 0)
    {
        value = 0;
        if (!byTag.TryGetValue(tag.Value, out var e))
        {
            return false;
        }

        if (e.TryGetBinaryNumber(index, out value))
        {
            return true;
        }

        if (!DicomVRInfo.IsText(e.VR))
        {
            return false;
        }

        var values = GetStrings(tag);
        return index < values.Count
            && double.TryParse(values[index], NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>Reads an integer value (see <see cref="TryGetDouble"/>), rounding decimal strings.</summary>
    /// <param name="tag">The tag.</param>
    /// <param name="value">The value.</param>
    /// <param name="index">Value index.</param>
    /// <returns>False when absent or not a number in the range of <see cref="int"/>.</returns>
    public bool TryGetInt(DicomTag tag, out int value, int index = 0)
    {
        value = 0;
        if (!TryGetDouble(tag, out var d, index) || d < int.MinValue || d > int.MaxValue)
        {
            return false;
        }

        value = (int)Math.Round(d);
        return true;
    }

    /// <summary>Reads an integer or returns a fallback.</summary>
    /// <param name="tag">The tag.</param>
    /// <param name="fallback">Value when absent.</param>
    /// <returns>The value.</returns>
    public int GetInt(DicomTag tag, int fallback) => TryGetInt(tag, out var v) ? v : fallback;

    /// <summary>The items of a sequence (empty when absent or not a sequence).</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The items.</returns>
    public IReadOnlyList<DicomDataset> GetSequence(DicomTag tag) => byTag.TryGetValue(tag.Value, out var e) ? e.Items : [];

    /// <summary>The raw value bytes of an element.</summary>
    /// <param name="tag">The tag.</param>
    /// <param name="bytes">The bytes as stored.</param>
    /// <returns>False when absent.</returns>
    public bool TryGetBytes(DicomTag tag, out ReadOnlyMemory<byte> bytes)
    {
        bytes = default;
        if (!byTag.TryGetValue(tag.Value, out var e))
        {
            return false;
        }

        bytes = e.RawValue;
        return true;
    }

    /// <summary>Decodes a text element of this data set with the character set in force.</summary>
    /// <param name="element">An element of this data set (or any text element).</param>
    /// <returns>The text, trailing padding removed.</returns>
    public string DecodeText(DicomElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var raw = element.RawValue.Span;
        var end = raw.Length;
        while (end > 0 && (raw[end - 1] == 0 || raw[end - 1] == (byte)' '))
        {
            end--;
        }

        raw = raw[..end];
        var text = DicomVRInfo.UsesCharacterSet(element.VR) ? CharacterSets.Decode(raw, CharacterSet) : Encoding.Latin1.GetString(raw);
        return element.VR is DicomVR.LT or DicomVR.ST or DicomVR.UT ? text : text.TrimStart(' ');
    }

    internal void Add(DicomElement element)
    {
        // A duplicate tag keeps the first occurrence for lookups (both stay in the element list).
        elements.Add(element);
        byTag.TryAdd(element.Tag.Value, element);
    }

    private static string[] SplitValues(string s, bool trimLeading) =>
        [.. s.Split('\\').Select(v => trimLeading ? v.Trim(' ', '\0') : v.TrimEnd(' ', '\0'))];
}
