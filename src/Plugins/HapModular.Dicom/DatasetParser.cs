using System.Buffers.Binary;

namespace HapModular.Dicom;

/// <summary>
/// Reads data elements from a byte range. Every length is checked against the bytes that remain, so nothing is
/// allocated from a declared length (values are slices of the input) and nesting is bounded.
/// </summary>
internal sealed partial class DatasetParser
{
    private const uint Undefined = 0xFFFFFFFF;
    private const int MaxDepth = 32;
    private readonly ReadOnlyMemory<byte> data;
    private readonly List<string> warnings;
    private bool warnedVrFallback;

    public DatasetParser(ReadOnlyMemory<byte> data, bool explicitVr, bool bigEndian, List<string> warnings)
    {
        this.data = data;
        ExplicitVr = explicitVr;
        BigEndian = bigEndian;
        this.warnings = warnings;
    }

    public bool ExplicitVr { get; }

    public bool BigEndian { get; }

    /// <summary>Reads a top-level data set from <paramref name="pos"/> to the end; stops early (with a warning) at a bad element.</summary>
    public DicomDataset ReadTopLevel(int pos, Func<DicomTag, bool>? stopBefore = null)
    {
        var ds = new DicomDataset(null, pos);
        while (pos < data.Length)
        {
            if (data.Length - pos < 8)
            {
                if (data.Span[pos..].ContainsAnyExcept((byte)0))
                {
                    warnings.Add($"offset {pos}: {data.Length - pos} trailing bytes too short for an element; ignored");
                }

                break;
            }

            var tag = PeekTag(pos);
            if (stopBefore is not null && stopBefore(tag))
            {
                break;
            }

            try
            {
                var element = ReadElement(ref pos, data.Length, ds, 0);
                ds.Add(element);
            }
            catch (DicomReadException ex)
            {
                if (ds.Elements.Count == 0)
                {
                    throw;
                }

                warnings.Add(ex.Message + "; kept the elements read before it");
                break;
            }
        }

        End = pos;
        return ds;
    }

    /// <summary>Where the last top-level read stopped.</summary>
    public int End { get; private set; }

    public DicomTag PeekTag(int pos)
    {
        var s = data.Span;
        return new DicomTag(U16(s, pos), U16(s, pos + 2));
    }

    private ushort U16(ReadOnlySpan<byte> s, int pos) => BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s[pos..]) : BinaryPrimitives.ReadUInt16LittleEndian(s[pos..]);

    private uint U32(ReadOnlySpan<byte> s, int pos) => BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s[pos..]) : BinaryPrimitives.ReadUInt32LittleEndian(s[pos..]);

    private DicomElement ReadElement(ref int pos, int end, DicomDataset owner, int depth)
    {
        var s = data.Span;
        var start = pos;
        Need(pos, 8, end, "element header");
        var tag = new DicomTag(U16(s, pos), U16(s, pos + 2));
        DicomVR vr;
        uint length;
        if (tag.Group == 0xFFFE)
        {
            throw new DicomReadException(pos, $"unexpected item tag {tag} outside a sequence");
        }

        if (ExplicitVr && DicomVRInfo.TryParse(s[pos + 4], s[pos + 5], out vr))
        {
            if (DicomVRInfo.HasLongLength(vr))
            {
                Need(pos, 12, end, $"header of {tag}");
                length = U32(s, pos + 8);
                pos += 12;
            }
            else
            {
                length = U16(s, pos + 6);
                pos += 8;
            }
        }
        else
        {
            if (ExplicitVr && !warnedVrFallback)
            {
                warnedVrFallback = true;
                warnings.Add($"offset {pos}: element {tag} has no valid explicit VR; read as implicit VR");
            }

            vr = DicomDictionary.VrOf(tag, owner.PixelRepresentationInScope);
            length = U32(s, pos + 4);
            pos += 8;
        }

        if (length == Undefined)
        {
            if (depth >= MaxDepth)
            {
                throw new DicomReadException(start, $"sequences nested deeper than {MaxDepth} levels");
            }

            if (tag == DicomTags.PixelData || (vr is DicomVR.OB or DicomVR.OW && vr != DicomVR.UN))
            {
                var fragments = ReadFragments(ref pos, end, start);
                return new DicomElement(tag, vr == DicomVR.UN ? DicomVR.OB : vr, start, ReadOnlyMemory<byte>.Empty, BigEndian) { Fragments = fragments };
            }

            // SQ, UN (CP-246) and unknown implicit tags with undefined length are sequences.
            var items = ReadItems(ref pos, end, Undefined, owner, depth + 1);
            return new DicomElement(tag, DicomVR.SQ, start, ReadOnlyMemory<byte>.Empty, BigEndian) { Items = items };
        }

        if (length > end - pos)
        {
            if (depth == 0 && vr != DicomVR.SQ && tag == DicomTags.PixelData)
            {
                // Keep what there is of truncated pixel data: the image reports exactly which frame is short.
                warnings.Add($"offset {start}: element {tag} declares {length} bytes but only {end - pos} remain (truncated); kept the {end - pos} bytes present");
                var partial = new DicomElement(tag, vr, start, data[pos..end], BigEndian);
                pos = end;
                return partial;
            }

            throw new DicomReadException(start, $"element {tag} declares {length} bytes but only {end - pos} remain (truncated or corrupt)");
        }

        var valueStart = pos;
        pos += (int)length;
        if (vr == DicomVR.SQ || (vr == DicomVR.UN && !ExplicitVr && LooksLikeItem(valueStart, (int)length)))
        {
            if (depth >= MaxDepth)
            {
                throw new DicomReadException(start, $"sequences nested deeper than {MaxDepth} levels");
            }

            var p = valueStart;
            var items = ReadItems(ref p, valueStart + (int)length, length, owner, depth + 1);
            return new DicomElement(tag, DicomVR.SQ, start, ReadOnlyMemory<byte>.Empty, BigEndian) { Items = items };
        }

        return new DicomElement(tag, vr, start, data.Slice(valueStart, (int)length), BigEndian);
    }

    private bool LooksLikeItem(int pos, int length) =>
        length >= 8 && U16(data.Span, pos) == 0xFFFE && U16(data.Span, pos + 2) == 0xE000;

    private List<DicomDataset> ReadItems(ref int pos, int end, uint sequenceLength, DicomDataset owner, int depth)
    {
        var items = new List<DicomDataset>();
        var s = data.Span;
        while (true)
        {
            if (sequenceLength != Undefined && pos >= end)
            {
                return items;
            }

            Need(pos, 8, end, "item header");
            var tag = new DicomTag(U16(s, pos), U16(s, pos + 2));
            var length = U32(s, pos + 4);
            var itemStart = pos;
            pos += 8;
            if (tag == DicomTags.SequenceDelimitation)
            {
                return items;
            }

            if (tag != DicomTags.Item)
            {
                throw new DicomReadException(itemStart, $"expected an item tag (fffe,e000) in a sequence, found {tag}");
            }

            var item = new DicomDataset(owner, itemStart);
            if (length == Undefined)
            {
                while (true)
                {
                    Need(pos, 8, end, "element in an item of undefined length (no item delimiter)");
                    var next = new DicomTag(U16(s, pos), U16(s, pos + 2));
                    if (next == DicomTags.ItemDelimitation)
                    {
                        pos += 8;
                        break;
                    }

                    item.Add(ReadElement(ref pos, end, item, depth));
                }
            }
            else
            {
                if (length > end - pos)
                {
                    throw new DicomReadException(itemStart, $"item declares {length} bytes but only {end - pos} remain");
                }

                var itemEnd = pos + (int)length;
                while (pos < itemEnd)
                {
                    item.Add(ReadElement(ref pos, itemEnd, item, depth));
                }
            }

            items.Add(item);
        }
    }
}
