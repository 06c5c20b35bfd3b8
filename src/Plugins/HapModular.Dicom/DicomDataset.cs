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

    /// <summary>
    /// The Pixel Representation (0028,0103) in force here (own, else the nearest parent's), or null: decides whether
    /// "US or SS" pixel-value attributes of implicit VR files are signed.
    /// </summary>
    internal int? PixelRepresentationInScope =>
        byTag.TryGetValue(DicomTags.PixelRepresentation.Value, out var e) && e.VR is DicomVR.US && e.RawValue.Length >= 2
            ? e.GetUInt16()
            : Parent?.PixelRepresentationInScope;

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
    /// <returns>False when the element is absent.</returns>
    /// <exception cref="DicomReadException">The element is present but not text (a number, a sequence, pixel fragments).</exception>
    public bool TryGetString(DicomTag tag, out string value)
    {
        value = string.Empty;
        if (!byTag.TryGetValue(tag.Value, out var e))
        {
            return false;
        }

        if (e.IsSequence || e.Fragments is not null || !(DicomVRInfo.IsText(e.ValueVR) || e.ValueVR == DicomVR.UN))
        {
            throw WrongType(e, "text");
        }

        value = DecodeText(e);
        return true;
    }

    /// <summary>The whole value of a text element, or null when absent.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The text or null.</returns>
    /// <exception cref="DicomReadException">The element is present but not text.</exception>
    public string? GetString(DicomTag tag) => TryGetString(tag, out var s) ? s : null;

    /// <summary>The values of a multi-valued text element (split at backslashes), each trimmed.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The values; empty when absent or empty.</returns>
    /// <exception cref="DicomReadException">The element is present but not text.</exception>
    public IReadOnlyList<string> GetStrings(DicomTag tag) =>
        TryGetString(tag, out var s) && s.Length > 0 ? SplitValues(s, trimLeading: true) : [];

    /// <summary>
    /// Reads a number from a binary (US, SS, UL, SL, FL, FD, SV, UV) or decimal/integer string (DS, IS) element. An
    /// absent or empty element, or a value index past the last value, is "no value" (false); a value that is there
    /// but is not a number is an error, never a default.
    /// </summary>
    /// <param name="tag">The tag.</param>
    /// <param name="value">The value.</param>
    /// <param name="index">Value index for multi-valued elements.</param>
    /// <returns>False when there is no such value.</returns>
    /// <exception cref="DicomReadException">The element has a value that is not a (finite) number.</exception>
    public bool TryGetDouble(DicomTag tag, out double value, int index = 0)
    {
        value = 0;
        if (!byTag.TryGetValue(tag.Value, out var e) || (e.RawValue.IsEmpty && !e.IsSequence && e.Fragments is null))
        {
            return false;
        }

        if (e.TryGetBinaryNumber(index, out value))
        {
            return true;
        }

        var size = DicomVRInfo.BinarySize(e.ValueVR);
        if (size > 0 && !e.IsSequence)
        {
            if (e.RawValue.Length % size != 0)
            {
                throw new DicomReadException(e.Offset, $"{Describe(e)} has {e.RawValue.Length} bytes, not a whole number of {size}-byte values");
            }

            return false;
        }

        if (e.IsSequence || e.Fragments is not null || !DicomVRInfo.IsText(e.ValueVR))
        {
            throw WrongType(e, "a number");
        }

        var values = GetStrings(tag);
        if (index >= values.Count)
        {
            return false;
        }

        if (!double.TryParse(values[index], NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            throw new DicomReadException(e.Offset, $"{Describe(e)} value {index + 1} '{values[index]}' is not a number");
        }

        return true;
    }

    /// <summary>Reads an integer value (see <see cref="TryGetDouble"/>), rounding decimal strings.</summary>
    /// <param name="tag">The tag.</param>
    /// <param name="value">The value.</param>
    /// <param name="index">Value index.</param>
    /// <returns>False when there is no such value.</returns>
    /// <exception cref="DicomReadException">The value is not a number or is beyond the range of <see cref="int"/>.</exception>
    public bool TryGetInt(DicomTag tag, out int value, int index = 0)
    {
        value = 0;
        if (!TryGetDouble(tag, out var d, index))
        {
            return false;
        }

        if (d < int.MinValue || d > int.MaxValue)
        {
            throw new DicomReadException(byTag[tag.Value].Offset, $"{Describe(byTag[tag.Value])} value {d} is out of range");
        }

        value = (int)Math.Round(d);
        return true;
    }

    /// <summary>Reads an integer, or gives <paramref name="absent"/> when the element is absent or empty.</summary>
    /// <param name="tag">The tag.</param>
    /// <param name="absent">Value when absent (what the standard means by an absent optional element).</param>
    /// <returns>The value.</returns>
    /// <exception cref="DicomReadException">The element has a value that is not an integer.</exception>
    public int GetInt(DicomTag tag, int absent) => TryGetInt(tag, out var v) ? v : absent;

    /// <summary>Reads a required integer.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The value.</returns>
    /// <exception cref="DicomReadException">The element is absent, empty or not an integer.</exception>
    public int GetRequiredInt(DicomTag tag) => TryGetInt(tag, out var v)
        ? v
        : throw new DicomReadException(Offset, $"{Describe(tag)} is missing or empty");

    /// <summary>Reads a required number.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The value.</returns>
    /// <exception cref="DicomReadException">The element is absent, empty or not a number.</exception>
    public double GetRequiredDouble(DicomTag tag) => TryGetDouble(tag, out var v)
        ? v
        : throw new DicomReadException(Offset, $"{Describe(tag)} is missing or empty");

    /// <summary>How messages name an element: tag, keyword and VR.</summary>
    /// <param name="element">The element.</param>
    /// <returns>E.g. <c>(003a,0210) ChannelSensitivity (DS)</c>.</returns>
    public static string Describe(DicomElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return $"{Describe(element.Tag)} ({element.VR})";
    }

    /// <summary>How messages name a tag: tag and keyword.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>E.g. <c>(003a,0210) ChannelSensitivity</c>.</returns>
    public static string Describe(DicomTag tag) => DicomDictionary.KeywordOf(tag) is { Length: > 0 } k ? $"{tag} {k}" : tag.ToString();

    private static DicomReadException WrongType(DicomElement e, string wanted) =>
        new(e.Offset, $"{Describe(e)} cannot be read as {wanted}");

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
        var vr = element.ValueVR;
        var text = DicomVRInfo.UsesCharacterSet(vr) ? CharacterSets.Decode(raw, CharacterSet) : Encoding.Latin1.GetString(raw);
        return vr is DicomVR.LT or DicomVR.ST or DicomVR.UT ? text : text.TrimStart(' ');
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
