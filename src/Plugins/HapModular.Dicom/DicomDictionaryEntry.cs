using System.Globalization;

namespace HapModular.Dicom;

/// <summary>
/// One element of the PS3.6 registry: its tag (or tag range), VR, VM, keyword and whether it is retired.
/// </summary>
/// <param name="Tag">The tag as the registry writes it: <c>(0010,0010)</c>, <c>(6000-60FF,3000)</c> (even groups),
/// <c>(0009-o-FFFF,0010-u-00FF)</c> (o = odd only, u = every value).</param>
/// <param name="ValueRepresentation">The VR as PS3.6 writes it, e.g. <c>DS</c>, <c>US or SS</c>, <c>OB or OW</c>; <c>-</c> for items.</param>
/// <param name="Multiplicity">The value multiplicity, e.g. <c>1</c>, <c>1-n</c>, <c>2-2n</c>.</param>
/// <param name="Keyword">The keyword, e.g. <c>ChannelSensitivity</c>.</param>
/// <param name="Retired">Whether the element is retired.</param>
public sealed record DicomDictionaryEntry(string Tag, string ValueRepresentation, string Multiplicity, string Keyword, bool Retired)
{
    private readonly Range group = ParseRange(Tag, 0);
    private readonly Range element = ParseRange(Tag, 1);

    /// <summary>The VRs the element may have (one for most; two or three for "US or SS", "OB or OW"…; none for items).</summary>
    public IReadOnlyList<DicomVR> ValueRepresentations { get; } = ParseVrs(ValueRepresentation);

    /// <summary>Whether the entry names a range of tags (repeating groups such as overlays, private creators).</summary>
    public bool IsRange => group.First != group.Last || element.First != element.Last;

    /// <summary>How many tags the entry covers (1 for a plain tag): the most specific entry wins a look-up.</summary>
    internal long Span => group.Count * element.Count;

    /// <summary>The packed tag of a plain entry.</summary>
    internal uint Value => ((uint)group.First << 16) | element.First;

    /// <summary>Whether a tag is one this entry describes.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>True when it matches.</returns>
    public bool Matches(DicomTag tag) => group.Contains(tag.Group) && element.Contains(tag.Element);

    private static DicomVR[] ParseVrs(string text) =>
        text == "-" ? [] : [.. text.Split(" or ").Select(v => Enum.Parse<DicomVR>(v, ignoreCase: false))];

    // "(gggg,eeee)", "(gggg-gggg,eeee)" (even values only, dcmtk's default), "-o-" (odd only), "-u-" (all values).
    private static Range ParseRange(string tag, int part)
    {
        var text = tag.Trim('(', ')').Split(',')[part];
        var pieces = text.Split('-');
        ushort Hex(string s) => ushort.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return pieces.Length switch
        {
            1 => new Range(Hex(pieces[0]), Hex(pieces[0]), Parity.All),
            2 => new Range(Hex(pieces[0]), Hex(pieces[1]), Parity.Even),
            3 => new Range(Hex(pieces[0]), Hex(pieces[2]), pieces[1] == "o" ? Parity.Odd : Parity.All),
            _ => throw new FormatException("bad dictionary tag " + tag),
        };
    }

    private enum Parity
    {
        All,
        Even,
        Odd,
    }

    private readonly record struct Range(ushort First, ushort Last, Parity Parity)
    {
        public long Count => Parity == Parity.All ? Last - First + 1 : ((Last - First) / 2) + 1;

        public bool Contains(ushort v) => v >= First && v <= Last && Parity switch
        {
            Parity.Even => (v & 1) == (First & 1),
            Parity.Odd => (v & 1) == 1,
            _ => true,
        };
    }
}
