using System.Buffers.Binary;

namespace HapModular.Dicom;

/// <summary>Encapsulated pixel data: offset table item, then fragment items up to the sequence delimiter.</summary>
internal sealed partial class DatasetParser
{
    private DicomFragments ReadFragments(ref int pos, int end, int elementStart)
    {
        var s = data.Span;
        var fragments = new List<ReadOnlyMemory<byte>>();
        var offsets = new List<long>();
        var offsetTable = new List<uint>();
        var first = true;
        var firstFragmentTag = -1;
        while (true)
        {
            Need(pos, 8, end, $"fragment header of encapsulated pixel data starting at {elementStart}");
            var tag = new DicomTag(U16(s, pos), U16(s, pos + 2));
            var length = U32(s, pos + 4);
            var itemStart = pos;
            pos += 8;
            if (tag == DicomTags.SequenceDelimitation)
            {
                return new DicomFragments(offsetTable, fragments, offsets);
            }

            if (tag != DicomTags.Item)
            {
                throw new DicomReadException(itemStart, $"expected a fragment item (fffe,e000) in encapsulated pixel data, found {tag}");
            }

            if (length > end - pos)
            {
                // A last fragment cut short keeps what is there: the frames before it may still decode.
                warnings.Add($"offset {itemStart}: pixel data fragment declares {length} bytes but only {end - pos} remain; fragment truncated");
                length = (uint)(end - pos);
                fragments.Add(data.Slice(pos, (int)length));
                offsets.Add(itemStart - firstFragmentTag);
                pos = end;
                return new DicomFragments(offsetTable, fragments, offsets);
            }

            if (first)
            {
                for (var i = 0; i + 4 <= length; i += 4)
                {
                    offsetTable.Add(BinaryPrimitives.ReadUInt32LittleEndian(s[(pos + i)..]));
                }

                first = false;
                firstFragmentTag = pos + (int)length;
            }
            else
            {
                fragments.Add(data.Slice(pos, (int)length));
                offsets.Add(itemStart - firstFragmentTag);
            }

            pos += (int)length;
        }
    }

    private static void Need(int pos, int count, int end, string what)
    {
        if (end - pos < count)
        {
            throw new DicomReadException(pos, $"unexpected end of data reading the {what} ({end - pos} of {count} bytes left)");
        }
    }
}
